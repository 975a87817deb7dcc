/**
 * The headline as the page shows it, without the site's name or a section label around it
 * ("Headline | Site", "Site - Headline", "Section - Headline"). `comparable` and `stripSiteName`
 * run in the content script; `chooseTitle` after it (src/detect/finish.ts).
 */

/** Where a title's parts meet: " | ", " - ", ": ", a bar without spaces, before a last part in
 * brackets ("… (neues deutschland)"), and a hyphen between CJK characters ("…临床用药需求-新华网": such titles write no spaces). Guillemets without spaces are
 * quotes ("«Wir waren fast 40 Tage in Quarantäne» - …"), not separators. */
const SEPARATOR = /\s+[|–—:·•»*-]\s+|:\s+|\s*[|｜│¦]\s*|\s+(?=\([^()]+\)$)|(?<=[\u3040-\u9fff\uac00-\ud7af])-(?=[\u3040-\u9fff\uac00-\ud7af])/g;

/** Invisible characters pages put in headlines: soft hyphens, zero-width spaces and joiners. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** The invisible characters a shown headline drops. Soft hyphens stay: they are the author's
 * hyphenation points (the popup breaks long German words there) and the index reads through them. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Spaces and punctuation (ASCII, Latin-1, general and CJK punctuation). A listed class rather
 * than `[^\p{L}\p{N}]`: Unicode property classes cost ~2 ms to build on first use, on every page. */
const NOT_WORD = /[\s\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/g;

/** Text for comparing: lower case, runs of spaces and punctuation as one space. */
export function comparable(text: string): string {
  return text.replace(INVISIBLE, '').toLowerCase().replace(NOT_WORD, ' ').trim();
}

/** Lower-case letters and digits only, for comparing "The Verge" with "theverge.com". */
function squash(text: string): string {
  return text.replace(INVISIBLE, '').toLowerCase().replace(NOT_WORD, '');
}

/** Whether a part of a title names the site: its name, its address, or its host's label. */
function siteMatcher(siteName: string, host: string): (part: string, trailing?: boolean) => boolean {
  const site = squash(siteName);
  const label = host === '' ? '' : squash(hostLabel(host));
  const fullHost = squash(host.replace(/^www\d?\./, ''));
  return (part, trailing = false) => {
    const text = squash(part);
    if (text === '') return false;
    if (fullHost !== '' && text === fullHost) return true; // "Headline - rp.pl"
    if (site !== '' && (text === site || (site.length >= 3 && text.includes(site) && text.length <= site.length * 2) || (text.length >= 3 && site.includes(text)))) return true;
    const spelled = transliterate(text);
    // "Spiegel Online" on spiegel.de, but not "TINE Fotballskole viktig for …" on tine.no.
    if (label.length < 3) return false;
    // A last part may also end with it: "Die Neue Südtiroler Tageszeitung" on tageszeitung.it (a
    // short label would match ordinary words: "Die neue Welt" on welt.de).
    return spelled === label || (spelled.startsWith(label) && spelled.length <= label.length * 2 + 10) || (spelled.length >= 4 && label.startsWith(spelled)) || (trailing && label.length >= 6 && spelled.endsWith(label) && spelled.length <= label.length * 2 + 10);
  };
}

/** How letters are written in addresses: German umlauts and ß spelled out, other accents
 * dropped ("Nestlé Marktplatz" on nestle-marktplatz.de). */
function transliterate(text: string): string {
  return text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
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
  const namesSite = siteMatcher(siteName, host);
  let result = title;
  // Trailing parts first ("Headline - Section | Site"), then a leading one ("Site: Headline").
  for (let i = cuts.length - 1; i >= 0; i--) {
    const cut = cuts[i]!;
    const tail = result.slice(cut.index + cut[0].length);
    if (cut.index + cut[0].length > result.length || !namesSite(tail, true)) break;
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

/** Letters that make a title a title (".:" or "12" is not one). */
function usable(text: string): boolean {
  return comparable(text).replace(/[\d\s]/g, '').length >= 2;
}

const HAS_LOWER = /\p{Ll}/u;

const STRAY_SEPARATOR = /^(?:[|｜│¦:·•*–—-]\s+)+|(?:\s+[|｜│¦:·•*–—-])+$/g;

/**
 * The article's headline from the page's title statements (most trusted first, entities already
 * decoded), the headings it shows and the page's name in the site's navigation (`pageNames`).
 * The first statement that still has words once it is
 * - completed from another statement when it is cut short with an ellipsis;
 * - cut to the part that is one of the page's other statements or headings, when it has more
 *   ("Section - Headline", "Headline * Site * by Author" where the `<h1>` is "Headline"), unless
 *   that part names the site;
 * - spelled as the page also spells it when it is in capitals ("EUROPAS TOPATHLETEN …" in the
 *   `<h1>`, "Europas Topathleten …" in the meta tags): capitals read as shouting; its small
 *   words as the shown headline writes them;
 * - stripped of the site's name;
 * - completed to the shown headline when that goes on from it;
 * - and put in sentence case when it is in capitals and nothing spells it otherwise.
 */
export function chooseTitle(statements: readonly string[], headings: readonly string[], siteName: string, host: string, pageNames: readonly string[] = []): string {
  const variants = [...statements, ...headings].filter(usable);
  const namesSite = siteMatcher(siteName, host);
  const titles = shownOverName(headlineFirst(statements, headings, namesSite, siteName, host), headings, pageNames, namesSite, siteName, host);
  const hostWords = host.toLowerCase().split('.').slice(0, -1).filter((word) => word.length >= 4 && word !== 'www');
  for (const statement of titles) {
    let title = statement;
    const cuts = [...title.matchAll(SEPARATOR)];
    if (cuts.length > 0) {
      const starts = [0, ...cuts.map((cut) => cut.index + cut[0].length)];
      const ends = [...cuts.map((cut) => cut.index), title.length];
      const whole = comparable(title);
      const keys = new Set(variants.map(comparable).filter((key) => key !== whole));
      // The part must be most of the headline, not of the site's name after it ("Leasing oder
      // Finanzierung » Der große Vergleich | FINANZCHECK.de" where the `<h1>` is the first part).
      const least = stripSiteName(title, siteName, host).length * 0.4;
      let best = '';
      for (let i = 0; i < starts.length; i++) {
        for (let j = i; j < ends.length; j++) {
          if (ends[j]! <= starts[i]!) continue;
          const run = title.slice(starts[i], ends[j]).trim();
          if (run.length <= best.length || run.length < least || !keys.has(comparable(run)) || namesSite(run)) continue;
          if (!hostWords.some((word) => squash(run).includes(word))) best = run;
        }
      }
      if (best !== '') title = best;
    }
    // A statement cut short ("… for Hong Kong leader...") is completed by one that goes on.
    const cut = /\s*(?:\.\.\.|…)$/.exec(title);
    // Unless the shown headline ends with one too: the ellipsis is the author's ("Alles hat seine
    // Zeit…" in the `<h1>`, "Alles hat seine Zeit..." in og:title), spelled as shown.
    const own = cut === null ? undefined : headings.find((heading) => /(?:\.\.\.|…)$/.test(heading) && comparable(heading) === comparable(title));
    if (own !== undefined) title = own;
    else if (cut !== null) {
      const start = comparable(title.slice(0, cut.index));
      const goesOn = (variant: string): boolean => {
        const key = comparable(stripSiteName(variant, siteName, host));
        return !/(?:\.\.\.|…)$/.test(variant) && key.startsWith(start) && key.length > start.length + 2;
      };
      title = variants.find((variant) => goesOn(variant) && variant.startsWith(title.slice(0, cut.index))) ?? variants.find(goesOn) ?? title;
    }
    if (!HAS_LOWER.test(title)) {
      const key = comparable(title);
      title = variants.find((variant) => HAS_LOWER.test(variant) && comparable(variant) === key) ?? title;
    }
    // Small words as the page shows them: "Returning To … Of … By" in og:title, "Returning to …
    // of … by" in the `<h1>` (a title-casing plugin capitalised every word of the statement).
    title = headings.find((heading) => smallWordsLowered(title, heading)) ?? title;
    // A separator left at either end once the site's name is cut ("Main Coon | | ✂ Uniqz®",
    // "… dabei -" where the site's name was left empty) is not part of the headline.
    title = stripSiteName(title.replace(ZERO_WIDTH, ''), siteName, host).replace(STRAY_SEPARATOR, '');
    if (!usable(title)) continue;
    // A statement the shown headline goes on from is that headline cut short without an ellipsis
    // ("Initiative EnergieEffizienz - kostenloser Stromcheck" in the <title>, "… Kostenloser
    // Stromcheck für private Haushalte" in the `<h1>`).
    const start = comparable(title);
    // One word more is enough when another statement says the same (El Universal's JSON-LD headline
    // "… califica a Biden de" cut at its quoted last word, which og:title and the `<h1>` give).
    const stated = new Set(statements.map((statement) => comparable(stripSiteName(statement, siteName, host))));
    const whole = headings.map((heading) => stripSiteName(heading.replace(ZERO_WIDTH, ''), siteName, host)).find((heading) => {
      const key = comparable(heading);
      const more = key.split(' ').length - start.split(' ').length;
      return key.startsWith(start + ' ') && (more >= 2 || (more === 1 && stated.has(key))) && !namesSite(heading) && !shouting(heading);
    });
    if (whole !== undefined) title = whole;
    // Dashed as the page shows it: its "–" where the statements write "-".
    const dashes = (text: string): string => text.replace(/\s+[–—-]\s+/g, ' - ');
    title = headings.find((heading) => heading !== title && dashes(heading) === dashes(title)) ?? title;
    return shouting(title) ? sentenceCase(title) : title;
  }
  return '';
}

/** Words that say what a text is about: four letters or more. */
function words(text: string): Set<string> {
  return new Set(comparable(text).split(' ').filter((word) => word.length >= 4));
}

/**
 * The statements to try, in order: as given, unless the first shares no word with the headline the
 * page shows while another statement carries that headline — then the first names the page's
 * section or is a line for sharing (be.ch's og:title "Medienmitteilungen" where its other
 * statements and `<h1>` say "Impfen und Boostern …"; The Insiders' "Möchtest Du The Insiders mit
 * mir zusammen beitreten?"), and the statements the shown headline holds go first. The `<h1>`
 * alone against every statement is not enough: the labels of such pages disagree.
 */
function headlineFirst(titles: readonly string[], headings: readonly string[], namesSite: (part: string) => boolean, siteName: string, host: string): readonly string[] {
  const shown = headings[0];
  const first = titles.find(usable);
  if (shown === undefined || first === undefined || !usable(shown) || namesSite(shown)) return titles;
  const seen = words(shown);
  const site = words(siteName);
  const own = [...words(stripSiteName(first, siteName, host))].filter((word) => !site.has(word));
  if (seen.size === 0 || own.some((word) => seen.has(word))) return titles;
  // The witness tells of another piece than the first statement: not one word in common (a
  // live blog's JSON-LD names its latest entry, and its other statements the blog: both theirs).
  const carries = (title: string): boolean => {
    const its = words(title);
    return [...its].filter((word) => seen.has(word)).length >= seen.size / 2 && !own.some((word) => its.has(word));
  };
  // The last statement may be the page's first `<h1>` itself: it cannot witness for the headings.
  const last = titles.length - 1;
  const isHeading = (title: string, i: number): boolean => i === last && headings.some((heading) => comparable(heading) === comparable(title));
  if (!titles.some((title, i) => title !== first && !isHeading(title, i) && carries(title))) return titles;
  const key = comparable(shown);
  const held = titles.filter((title) => title !== first && usable(title) && key.includes(comparable(title)));
  return [...held, shown, ...titles.filter((title) => !held.includes(title) && title !== first), first];
}

/** Whether `shown` is `title` with some of its short words (prepositions, articles: four letters
 * at most) in lower case, and nothing else different: "Defadvice" against "defadvice" is a name. */
function smallWordsLowered(title: string, shown: string): boolean {
  if (shown === title || shown.toLowerCase() !== title.toLowerCase()) return false;
  const ours = title.split(/\s+/);
  const theirs = shown.split(/\s+/);
  return ours.length === theirs.length && ours.every((word, i) => word === theirs[i] || (word.length <= 4 && theirs[i] === word.toLowerCase()));
}

/**
 * The statements to try, the shown headline first when the first statement is the page's name in
 * the site's menu or breadcrumb trail (`pageNames`) and the headline the page shows is another,
 * longer one: og:title and `<title>` "About Us" where the menu's current entry is "About Us" and
 * the `<h1>` "The strategic Think & Do Tank" (shabka.org); "Gefahrstoff-Service" against
 * "Gefahrstoffmanagement für Hersteller, Importeure und Alleinvertreter" (qualisys.eu).
 */
function shownOverName(titles: readonly string[], headings: readonly string[], pageNames: readonly string[], namesSite: (part: string) => boolean, siteName: string, host: string): readonly string[] {
  const shown = headings[0];
  const first = titles.find(usable);
  if (shown === undefined || first === undefined || pageNames.length === 0 || !usable(shown) || namesSite(shown)) return titles;
  const names = new Set(pageNames.map(comparable));
  const name = comparable(stripSiteName(first, siteName, host));
  const headline = comparable(stripSiteName(shown, siteName, host));
  if (!names.has(name) || names.has(headline)) return titles;
  // A section's heading is no headline: the shown one is longer than the name, or a statement too.
  const stated = titles.some((title) => title !== first && comparable(stripSiteName(title, siteName, host)) === headline);
  if (!stated && headline.split(' ').length <= name.split(' ').length) return titles;
  return [shown, ...titles];
}

/** A headline in capitals: no lower-case letter, and most of its letters (ten or more) upper case. */
function shouting(text: string): boolean {
  if (HAS_LOWER.test(text)) return false;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return upper >= 10 && upper >= letters * 0.8 && text.trim().split(/\s+/).length >= 3;
}

/** "PEKING 2022 – EINE GROSSE CHANCE" → "Peking 2022 – eine grosse chance": words with digits
 * ("COVID-19") stay as written. */
function sentenceCase(text: string): string {
  let start = true;
  return text.replace(/[^\s]+/g, (word) => {
    const first = start;
    start = /[.!?:]$/.test(word);
    if (/\d/.test(word)) return word;
    const lower = word.toLowerCase();
    return first ? lower.replace(/\p{L}/u, (letter) => letter.toUpperCase()) : lower;
  });
}
