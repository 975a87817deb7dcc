/** A headline without the site's name around it ("Headline | Site", "Site - Headline"). */

const SEPARATOR = /\s+[|–—:·•»-]\s+|:\s+|\s*[|｜«»]\s*/g;

/** Spaces and punctuation (ASCII, Latin-1, general and CJK punctuation). A listed class rather
 * than `[^\p{L}\p{N}]`: Unicode property classes cost ~2 ms to build on first use, on every page. */
const NOT_WORD = /[\s\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/g;

/** Text for comparing: lower case, runs of spaces and punctuation as one space. */
export function comparable(text: string): string {
  return text.toLowerCase().replace(NOT_WORD, ' ').trim();
}

/** Lower-case letters and digits only, for comparing "The Verge" with "theverge.com". */
function squash(text: string): string {
  return text.toLowerCase().replace(NOT_WORD, '');
}

/** The site's distinctive label: "www.nytimes.com" → "nytimes", "bbc.co.uk" → "bbc". */
function hostLabel(host: string): string {
  const parts = host.toLowerCase().replace(/^www\d?\./, '').split('.');
  if (parts.length >= 3 && parts[parts.length - 2]!.length <= 3) return parts[parts.length - 3]!;
  return parts.length >= 2 ? parts[parts.length - 2]! : (parts[0] ?? '');
}

/**
 * `title` without a leading or trailing part that names the site: the site's name (`siteName`),
 * or its address (`host`) when the page does not say its name.
 */
export function stripSiteName(title: string, siteName: string, host = ''): string {
  const cuts = [...title.matchAll(SEPARATOR)];
  if (cuts.length === 0) return title;
  const site = squash(siteName);
  const label = host === '' ? '' : squash(hostLabel(host));
  const fullHost = squash(host.replace(/^www\d?\./, ''));
  const namesSite = (part: string): boolean => {
    const text = squash(part);
    if (text === '') return false;
    if (fullHost !== '' && text === fullHost) return true; // "Headline - rp.pl"
    if (site !== '' && (text === site || (site.length >= 3 && text.includes(site) && text.length <= site.length * 2) || (text.length >= 3 && site.includes(text)))) return true;
    return label.length >= 3 && (text === label || text.startsWith(label) || (text.length >= 4 && label.startsWith(text)));
  };
  let result = title;
  // Trailing parts first ("Headline - Section | Site"), then a leading one ("Site: Headline").
  for (let i = cuts.length - 1; i >= 0; i--) {
    const cut = cuts[i]!;
    const tail = result.slice(cut.index + cut[0].length);
    if (cut.index + cut[0].length > result.length || !namesSite(tail)) break;
    const head = result.slice(0, cut.index).trim();
    if (head.length < 2) break;
    result = head;
  }
  if (result === title) {
    const first = cuts[0]!;
    const rest = title.slice(first.index + first[0].length).trim();
    if (namesSite(title.slice(0, first.index)) && rest.length >= 2) result = rest;
  }
  return result;
}
