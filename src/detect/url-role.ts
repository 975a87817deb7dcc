/**
 * What a page's address says about it before its content is read: a site's front page, a page
 * that does something (sign in, search, cart, contact), a section front, or content.
 */

export type UrlRole =
  /** A site's (or a language edition's) front page: `/`, `/index.html`, `/en/`. */
  | 'root'
  /** A page that does something rather than tell something: login, sign-up, search, cart, … */
  | 'function'
  /** A date archive: every post of a year, month or day (`/2011/`, `/2011/05/`). */
  | 'archive'
  /** Looks like a section front (`/news`, `/world/europe`): only a hint, articles can look so too. */
  | 'section'
  | 'content';

/** Words that name what a page does. Whole path words, in the languages of most news sites. */
const FUNCTION_WORDS = new Set([
  'login', 'logon', 'log-in', 'signin', 'sign-in', 'signon', 'signup', 'sign-up', 'register', 'registration',
  'registrieren', 'registro', 'inscription', 'anmelden', 'anmeldung', 'connexion', 'accedi', 'iniciar-sesion',
  'logout', 'auth', 'authenticate', 'sso', 'oauth', 'password', 'forgot', 'lostpassword', 'reset-password',
  'account', 'accounts', 'myaccount', 'my-account', 'konto', 'kundenkonto', 'compte', 'cuenta', 'settings',
  'cart', 'basket', 'checkout', 'warenkorb', 'panier', 'carrito', 'carrello', 'wishlist',
  'search', 'suche', 'recherche', 'buscar', 'busqueda', 'cerca', 'zoeken',
  'contact', 'contact-us', 'contactus', 'kontakt', 'contacto', 'contatti', 'contactez-nous', 'impressum',
  'subscribe', 'subscription', 'newsletter', 'unsubscribe', 'abo', 'abonnement',
]);

/** Stems that name a function even inside compound words (`securelogin.php`, `forgotpassword`,
 * `createaccount.aspx`, `RegisterNewUser`), checked only in short segments, not article slugs. */
const FUNCTION_STEMS = /log-?in|log-?on|sign-?in|sign-?up|regist(?!r)|passw|account(?!ab|ing|ant)|checkout|warenkorb|kundenkonto|anmeld/;

/** Query parameters that carry a search. */
const SEARCH_PARAMS = new Set(['q', 's', 'query', 'search', 'searchterm', 'search_query', 'keyword', 'keywords']);

const INDEX_FILE = /^(index|default|home|start|main)(\.[a-z0-9]{2,5})?$/;
const LANGUAGE_SEGMENT = /^[a-z]{2}([-_][a-z]{2})?$/;
const FILE_EXTENSION = /\.(php\d?|html?|aspx?|jspx?|cfm|cgi|pl|do|action)$/;

/** The Wayback Machine's copy of a page: `/web/20160401095740/http://www.example.de/`. */
const WAYBACK = /^\/web\/\d{4,14}[a-z_]*\/(https?:\/\/.+)$/i;
const DATE_SEGMENT = /^(?:(?:19|20)\d\d|0?[1-9]|[12]\d|3[01])$/;

export function urlRole(href: string): UrlRole {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'content';
  }
  // An archived copy is what the page it copies is.
  const archived = url.hostname === 'web.archive.org' ? WAYBACK.exec(url.pathname + url.search) : null;
  if (archived !== null) return urlRole(archived[1]!);
  const segments = url.pathname
    .split('/')
    .map((segment) => safeDecode(segment).toLowerCase())
    .filter((segment) => segment !== '');

  for (const [name, value] of url.searchParams) {
    const key = name.toLowerCase().replace(/^[^a-z]+/, '');
    const lower = value.toLowerCase();
    if (SEARCH_PARAMS.has(key) && lower.trim() !== '') return 'function';
    if (/^(action|mode|page|p|view|do|task|option|ctrl|controller|module|cmd|adtm_target)$/.test(key) && isFunctionSegment(lower)) return 'function';
  }
  for (const segment of segments) if (isFunctionSegment(segment)) return 'function';

  const meaningful = segments.filter((segment, i) => !(i === segments.length - 1 && INDEX_FILE.test(segment)));
  if (meaningful.length === 0 || (meaningful.length === 1 && LANGUAGE_SEGMENT.test(meaningful[0]!))) {
    // `/?p=123` and `/index.php?id=9` are articles on many CMSs: only a bare front page is a root.
    const query = [...url.searchParams.keys()].filter((key) => !/^(utm_|fbclid|gclid|ref|lang|hl)/i.test(key));
    return query.length === 0 ? 'root' : 'content';
  }
  if (meaningful.length <= 3 && /^(?:19|20)\d\d$/.test(meaningful[0]!) && meaningful.every((segment) => DATE_SEGMENT.test(segment))) return 'archive';
  if (meaningful.length <= 2 && url.search === '' && meaningful.every((segment) => /^[a-z]+(-[a-z]+)?$/.test(segment))) return 'section';
  return 'content';
}

function isFunctionSegment(segment: string): boolean {
  const bare = segment.replace(FILE_EXTENSION, '');
  if (FUNCTION_WORDS.has(bare)) return true;
  const words = bare.split(/[-_.,+\s]+/).filter((word) => word !== '');
  // An article slug ("this-new-search-box-does-not-…") has many words; a function page has few.
  if (words.length > 3 || bare.length > 32) return false;
  if (words.some((word) => FUNCTION_WORDS.has(word))) return true;
  return FUNCTION_STEMS.test(bare);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
