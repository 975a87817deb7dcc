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
 * locale), in every language the tokenizer knows: no table is shipped. The table is made when first
 * needed and kept.
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
  table ??= buildTable();
  const code = term.slice(1).toUpperCase();
  const folded = fold(text);
  const words = ` ${(folded.match(WORD) ?? []).join(' ')} `;
  for (const name of table.namesOf.get(code) ?? []) {
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

interface RegionTable {
  /** Folded word sequence ("united states") → code. */
  words: Map<string, string>;
  /** First word of a name → the most words a name starting with it has. */
  firstWords: Map<string, number>;
  /** Names in capitals ("US", "UK", "AS"), matched only as written. */
  capitals: Map<string, string>;
  /** First character of an unspaced name → its names (longest first) and codes. */
  unspaced: Map<string, [string, string][]>;
  /** A term that is a whole one-word name (as the tokenizer makes it: "malaysia", "franc",
   * "马来西亚") → code. */
  nameTerms: Map<string, string>;
  /** Code → its names as matched (folded words joined by a space, capitals, unspaced names). */
  namesOf: Map<string, string[]>;
}
let table: RegionTable | undefined;

/** Two-letter codes the runtime names (fallback 'none' leaves unknown codes unnamed). */
function regionCodes(): string[] {
  const en = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // ZZ is "Unknown Region"; pseudo-locales (XA, XB) are not places.
      if (code === 'ZZ' || code === 'XA' || code === 'XB') continue;
      if (en.of(code) !== undefined) codes.push(code);
    }
  return codes;
}

function buildTable(): RegionTable {
  const words = new Map<string, string>();
  const firstWords = new Map<string, number>();
  const capitals = new Map<string, string>();
  const unspacedNames = new Map<string, string>();
  const nameTerms = new Map<string, string>();
  const stops = new Set<string>();
  for (const lang of STOPWORD_LANGUAGES) for (const word of stopWordsOf(lang)) stops.add(word);
  const codes = regionCodes();
  // Most names recur across styles and languages: each is classified once (folding is the cost).
  const seen = new Set<string>();
  for (const lang of [...STOPWORD_LANGUAGES, 'zh-Hant']) {
    for (const style of ['long', 'short'] as const) {
      const names = new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' });
      for (const code of codes) {
        const name = names.of(code);
        if (name === undefined || name === code || seen.has(name)) continue;
        seen.add(name);
        if (UNSPACED.test(name)) {
          if (name.length >= 2 && !unspacedNames.has(name)) unspacedNames.set(name, code);
          if (name.length >= 2 && !nameTerms.has(fold(name))) nameTerms.set(fold(name), code);
          continue;
        }
        const bare = name.replace(/[.\s]/g, '');
        if (/^\p{Lu}{2,3}$/u.test(bare)) {
          if (!capitals.has(bare)) capitals.set(bare, code);
          continue;
        }
        const seq = fold(name).match(WORD);
        if (seq === null) continue;
        const key = seq.join(' ');
        if (key.length < MIN_WORD_NAME || (seq.length === 1 && stops.has(key)) || words.has(key)) continue;
        words.set(key, code);
        if (seq.length === 1) {
          if (!nameTerms.has(key)) nameTerms.set(key, code);
          if (!nameTerms.has(stem(key))) nameTerms.set(stem(key), code);
        }
        firstWords.set(seq[0]!, Math.max(firstWords.get(seq[0]!) ?? 0, seq.length));
      }
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
  const namesOf = new Map<string, string[]>();
  for (const map of [words, capitals, unspacedNames])
    for (const [name, code] of map) {
      let list = namesOf.get(code);
      if (list === undefined) namesOf.set(code, (list = []));
      list.push(name);
    }
  return { words, firstWords, capitals, unspaced, nameTerms, namesOf };
}

/** The region a term is the whole name of ("malaysia" → "MY"); undefined for any other term. */
export function regionOfTerm(term: string): string | undefined {
  table ??= buildTable();
  return table.nameTerms.get(term);
}

/** Whether a text names a region (its index terms carry markers). */
export function namesRegion(text: string | undefined): boolean {
  return text !== undefined && regionTerms(text).length > 0;
}

/** The marker terms of the regions a text names, in code order. The longest name at a place wins
 * ("Papua New Guinea" is not Guinea; "中国香港" is Hong Kong). */
export function regionTerms(text: string): string[] {
  table ??= buildTable();
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
