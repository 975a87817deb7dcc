/**
 * The countries and regions an article's text names ("Malaysia", "马来西亚", "Amerika Syarikat"):
 * evidence that crosses scripts, where no word does. Chinese and Latin-script coverage of one story
 * share no term at all, but most name the same country (mmds-dev: 50 of 75 such same-story pairs,
 * 14 % of other pairs). Each region is one marker term whatever the language names it in, and an
 * anchor: an index term that is the region's whole name ("malaysia", "马来西亚") becomes the marker in
 * its place (terms.ts; word and marker would count one name twice between articles of one language),
 * the others are added after the index terms like the day markers (weekdays.ts), outside the cap.
 *
 * The names come from the runtime's own `Intl.DisplayNames` (Chrome and Node carry them for every
 * locale): no table of names is shipped, only the codes. A text is matched against the names in its
 * own language and English (plus the language's partners: see PARTNERS), each language's part made
 * when first needed and kept — the first lookup of a worker's life pays for two or three languages
 * (a few ms), not for all of them (~45 ms).
 */
import { STOPWORD_LANGUAGES, stopWordsOf } from './stopwords';
import { fold, stem } from './tokenize';

/** Marker of a region: '@' and its code in lower case ("@my"); no word the tokenizer makes
 * contains '@', and day markers are longer. */
export function regionTerm(code: string): string {
  return `@${code.toLowerCase()}`;
}

/** Whether a term is a region marker. */
export function isRegionTerm(term: string): boolean {
  return term.length === 3 && term.charCodeAt(0) === 64;
}

/** How a text names the region of a marker, in lower case as the explanation's other words
 * ("@us" in "… the US said" → "us"); the region's name in the text's language when no name is
 * found as written (a name across a line break). */
export function regionNameIn(term: string, text: string, lang: string | undefined): string {
  const table = tableFor(lang ?? 'en');
  const code = term.slice(1).toUpperCase();
  const folded = fold(text);
  const words = ` ${(folded.match(WORD) ?? []).join(' ')} `;
  for (const name of namesOf(table).get(code) ?? []) {
    if (UNSPACED.test(name) ? folded.includes(fold(name)) : words.includes(` ${fold(name)} `)) return fold(name);
  }
  try {
    return new Intl.DisplayNames([lang ?? 'en', 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Scripts written without spaces between words (and Hangul, whose particles attach to a name):
 * their names are found as substrings. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** Names shorter than this (folded) are too often other words ("Man", "Chad" stays). */
const MIN_WORD_NAME = 4;

/**
 * The two-letter codes the runtime names (in English, fallback 'none'; not ZZ "Unknown Region" nor
 * the pseudo-locales XA, XB), shipped rather than found by asking for all 676 at first use; a unit
 * test checks it against the runtime's enumeration so it cannot drift unseen.
 */
export const REGION_CODES: readonly string[] = (
  'AC AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BU BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CQ CR CS CU CV CW CX CY CZ DD DE DG DJ DK DM ' +
  'DO DY DZ EA EC EE EG EH ER ES ET EU EZ FI FJ FK FM FO FR FX GA GB GD GE GF GG GH GI GL GM GN GP GQ GR ' +
  'GS GT GU GW GY HK HM HN HR HT HU HV IC ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP ' +
  'KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV ' +
  'MW MX MY MZ NA NC NE NF NG NH NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA QO ' +
  'RE RH RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SU SV SX SY SZ TA TC TD TF TG TH ' +
  'TJ TK TL TM TN TO TP TR TT TV TW TZ UA UG UK UM UN US UY UZ VA VC VD VE VG VI VN VU WF WS XK YD YE YT ' +
  'YU ZA ZM ZR ZW'
).split(' ');

/** Languages whose texts also name regions in another's words: Chinese in traditional characters
 * too; Malay and Indonesian share names ("Amerika Syarikat" / "Amerika Serikat") and are often
 * detected one for the other. */
const PARTNERS: Readonly<Record<string, readonly string[]>> = { zh: ['zh-Hant'], ms: ['id'], id: ['ms'] };

/** The languages whose names a text in `lang` is matched against, in a fixed order (the first
 * language to claim a name keeps it, whatever the text's language). */
function languagesFor(lang: string): string[] {
  const own = STOPWORD_LANGUAGES.includes(lang) ? [lang, ...(PARTNERS[lang] ?? [])] : [];
  return [...new Set(['en', ...own])].sort((a, b) => order(a) - order(b));
}
const order = (lang: string): number => (lang === 'zh-Hant' ? STOPWORD_LANGUAGES.length : STOPWORD_LANGUAGES.indexOf(lang));

/** One language's names, classified once (folding and stemming are the cost). */
interface Part {
  /** Names in words: folded words joined by a space ("united states"), code, first word, word
   * count, and the stem of a one-word name (as the tokenizer makes the term: "franc"). */
  words: { key: string; code: string; first: string; count: number; stem: string | undefined }[];
  /** Names in capitals ("US", "A.S" → "AS"). */
  capitals: [string, string][];
  /** Names in a script without spaces, as written and folded. */
  unspaced: { name: string; folded: string; code: string }[];
}
const parts = new Map<string, Part>();

function partOf(lang: string): Part {
  let part = parts.get(lang);
  if (part !== undefined) return part;
  part = { words: [], capitals: [], unspaced: [] };
  const seen = new Set<string>();
  for (const style of ['long', 'short'] as const) {
    const names = new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' });
    for (const code of REGION_CODES) {
      const name = names.of(code);
      // A name that is its code is skipped (the runtime's "UN", Czech "GB": as a marker "UN" cost
      // mmds-dev P@5), but English "US" is the country as English writes it (before the table was
      // made per language, Tagalog "U.S." matched it).
      if (name === undefined || seen.has(name) || (name === code && !(lang === 'en' && code === 'US'))) continue;
      seen.add(name);
      if (UNSPACED.test(name)) {
        if (name.length >= 2) part.unspaced.push({ name, folded: fold(name), code });
        continue;
      }
      const bare = name.replace(/[.\s]/g, '');
      if (/^\p{Lu}{2,3}$/u.test(bare)) {
        part.capitals.push([bare, code]);
        continue;
      }
      const seq = fold(name).match(WORD);
      if (seq === null) continue;
      const key = seq.join(' ');
      if (key.length >= MIN_WORD_NAME) part.words.push({ key, code, first: seq[0]!, count: seq.length, stem: seq.length === 1 ? stem(key) : undefined });
    }
  }
  parts.set(lang, part);
  return part;
}

interface RegionTable {
  /** Folded word sequence ("united states") → code. */
  words: Map<string, string>;
  /** First word of a name → the most words a name starting with it has. */
  firstWords: Map<string, number>;
  /** Names in capitals ("US", "UK", "AS"), matched only as written. */
  capitals: Map<string, string>;
  /** Names in a script without spaces → code. */
  unspacedNames: Map<string, string>;
  /** First character of an unspaced name → its names (longest first) and codes. */
  unspaced: Map<string, [string, string][]>;
  /** A term that is a whole one-word name (as the tokenizer makes it: "malaysia", "franc",
   * "马来西亚") → code. */
  nameTerms: Map<string, string>;
  /** Code → its names as matched (folded words joined by a space, capitals, unspaced names); made
   * when an explanation first needs it. */
  namesOf?: Map<string, string[]>;
}
/** Tables by the text's language ("en", "ms"), and ALL for every language. */
const tables = new Map<string, RegionTable>();
const ALL = '*';

function tableFor(lang: string): RegionTable {
  let table = tables.get(lang);
  if (table === undefined) {
    table = buildTable(lang === ALL ? [...STOPWORD_LANGUAGES, 'zh-Hant'] : languagesFor(lang));
    tables.set(lang, table);
  }
  return table;
}

/** The table of some languages' parts (the first to claim a name keeps it): a one-word name that
 * is a stop word of any of them is dropped (it would match the word in their texts). */
function buildTable(langs: readonly string[]): RegionTable {
  const words = new Map<string, string>();
  const firstWords = new Map<string, number>();
  const capitals = new Map<string, string>();
  const unspacedNames = new Map<string, string>();
  const nameTerms = new Map<string, string>();
  const stops = langs.map(stopWordsOf);
  for (const lang of langs) {
    const part = partOf(lang);
    for (const { name, folded, code } of part.unspaced) {
      if (!unspacedNames.has(name)) unspacedNames.set(name, code);
      if (!nameTerms.has(folded)) nameTerms.set(folded, code);
    }
    for (const [name, code] of part.capitals) if (!capitals.has(name)) capitals.set(name, code);
    for (const { key, code, first, count, stem } of part.words) {
      if ((stem !== undefined && stops.some((set) => set.has(key))) || words.has(key)) continue;
      words.set(key, code);
      if (stem !== undefined) {
        if (!nameTerms.has(key)) nameTerms.set(key, code);
        if (!nameTerms.has(stem)) nameTerms.set(stem, code);
      }
      firstWords.set(first, Math.max(firstWords.get(first) ?? 0, count));
    }
  }
  const unspaced = new Map<string, [string, string][]>();
  for (const [name, code] of unspacedNames) {
    const first = name[0]!;
    let list = unspaced.get(first);
    if (list === undefined) unspaced.set(first, (list = []));
    list.push([name, code]);
  }
  for (const list of unspaced.values()) list.sort((a, b) => b[0].length - a[0].length);
  return { words, firstWords, capitals, unspacedNames, unspaced, nameTerms };
}

function namesOf(table: RegionTable): Map<string, string[]> {
  if (table.namesOf !== undefined) return table.namesOf;
  const names = new Map<string, string[]>();
  for (const map of [table.words, table.capitals, table.unspacedNames])
    for (const [name, code] of map) {
      let list = names.get(code);
      if (list === undefined) names.set(code, (list = []));
      list.push(name);
    }
  return (table.namesOf = names);
}

/** The region a term of a text in `lang` is the whole name of ("malaysia" → "MY"); undefined for
 * any other term. */
export function regionOfTerm(term: string, lang: string): string | undefined {
  return tableFor(lang).nameTerms.get(term);
}

/** Whether a text names a region in any language (which stored articles to index again: a text
 * named in another language than its own is indexed again for nothing, never missed). */
export function namesRegion(text: string | undefined): boolean {
  return text !== undefined && regionTerms(text, ALL).length > 0;
}

/** The marker terms of the regions a text in `lang` names, in code order. The longest name at a
 * place wins ("Papua New Guinea" is not Guinea; "中国香港" is Hong Kong). */
export function regionTerms(text: string, lang: string): string[] {
  const table = tableFor(lang);
  const found = new Set<string>();
  if (UNSPACED.test(text)) {
    for (let i = 0; i < text.length; ) {
      const list = table.unspaced.get(text[i]!);
      const hit = list?.find(([name]) => text.startsWith(name, i));
      if (hit === undefined) i++;
      else {
        found.add(hit[1]);
        i += hit[0].length;
      }
    }
  }
  for (const word of text.match(/[\p{L}.]+/gu) ?? []) {
    const bare = word.replace(/\./g, '');
    const code = bare.length <= 3 ? table.capitals.get(bare) : undefined;
    if (code !== undefined) found.add(code);
  }
  const seq = fold(text).match(WORD) ?? [];
  for (let i = 0; i < seq.length; ) {
    const most = table.firstWords.get(seq[i]!);
    let matched = 0;
    for (let n = Math.min(most ?? 0, seq.length - i); n >= 1; n--) {
      const code = table.words.get(seq.slice(i, i + n).join(' '));
      if (code !== undefined) {
        found.add(code);
        matched = n;
        break;
      }
    }
    i += Math.max(1, matched);
  }
  return [...found].sort().map(regionTerm);
}
