/**
 * Text → words → index terms, for every language the store may hold. The same functions run when
 * an article is stored and when a page is looked up, so the two always agree.
 *
 * - Words: Latin, Cyrillic, Greek… split on letters and digits ("12.7" and "o'neil" stay whole);
 *   Chinese, Japanese and Thai, which write no spaces, are split by `Intl.Segmenter` (built into
 *   browsers and Node). Runs of one-character Han words are joined: transliterated names
 *   ("安|瓦|尔" → "安瓦尔", Anwar) come out of the segmenter in single characters.
 * - Terms: folded (lower case, no accents), stop words of the text's language and of English
 *   dropped, number words as digits ("two" → "2", "dua" → "2"), and a light suffix stem for
 *   alphabetic scripts ("kills", "killed", "killing" → "kill"). The stem is deliberately light:
 *   names must come out the same in every language ("Anwar", "Modi", "MH370").
 * - Anchors: the terms that tell one story from another across languages and outlets — numbers,
 *   acronyms, capitalised words within a sentence (names), and Latin words inside text in another
 *   script. Headlines in Title Case capitalise everything, so there only acronyms, numbers and
 *   words the excerpt also capitalises count.
 */
import { stopWordsOf } from './stopwords';

export interface Token {
  term: string;
  anchor: boolean;
}

const SEGMENTED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HAN_CHAR = /^\p{Script=Han}$/u;
const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{N}]+(?:[.,'’&-][\p{L}\p{N}]+)*/gu;
const ASCII_LETTERS = /^[A-Za-z]+$/;
/** A character that may be a letter of another script than Latin. */
const NOT_SURELY_LATIN = /[\u00b5\u02b9-\uffff]/;
const SENTENCE_END = /[.!?:;"“”«»—–|]\s*$/u;

const NUMBER_WORDS = new Map<string, string>(
  Object.entries({
    two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12',
    twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100', thousand: '1000', million: 'million', billion: 'billion',
    dua: '2', tiga: '3', empat: '4', lima: '5', enam: '6', tujuh: '7', lapan: '8', delapan: '8', sembilan: '9', sepuluh: '10',
    juta: 'million', bilion: 'billion', miliar: 'billion',
    deux: '2', trois: '3', zwei: '2', drei: '3', dos: '2', tres: '3',
  }),
);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(lang: string): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

/** Lower case without accents (NFKD, marks removed): "Émigré" → "emigre". */
export function fold(text: string): string {
  // ASCII needs no normalisation (most text in an English store): skip the costly NFKD.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A light suffix stem for alphabetic scripts: plurals, -ing, -ed and a final e. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|os)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([^aeiouls])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Words as written (case kept), with whether each starts a sentence. */
interface Surface {
  text: string;
  sentenceStart: boolean;
  segmented: boolean;
}

/** The last two texts' words: an article's excerpt is read twice (for its names, then its terms,
 * with the headline in between). */
const recentSurfaces: { text: string; lang: string; words: readonly Surface[] }[] = [];

/** Characters that sit inside a word without ending it: soft hyphens (the author's hyphenation
 * points, "Helikopter\u00adlandeplatz" on German sites), word joiners, byte-order marks. `WORD`
 * would split the word there, so "Helikopterlandeplatz" written plainly would not match. */
const INSIDE_WORD = /[\u00ad\u2060\ufeff]/g;

/** Whether a text has such characters (its terms changed when the tokenizer began reading through them). */
export function hasInsideWordMarks(text: string): boolean {
  return /[\u00ad\u2060\ufeff]/.test(text);
}

/** The words of a text as written. */
export function surfaceWords(text: string, lang = 'en'): readonly Surface[] {
  for (const recent of recentSurfaces) if (recent.text === text && recent.lang === lang) return recent.words;
  const words = splitWords(text.replace(INSIDE_WORD, ''), lang);
  if (recentSurfaces.unshift({ text, lang, words }) > 2) recentSurfaces.pop();
  return words;
}

function splitWords(text: string, lang: string): Surface[] {
  const out: Surface[] = [];
  if (!SEGMENTED_SCRIPT.test(text)) {
    let last = 0;
    for (const match of text.matchAll(WORD)) {
      const between = text.slice(last, match.index);
      out.push({ text: match[0], sentenceStart: out.length === 0 || SENTENCE_END.test(between), segmented: false });
      last = match.index + match[0].length;
    }
    return out;
  }
  let run = '';
  const flush = (): void => {
    if (run !== '') out.push({ text: run, sentenceStart: false, segmented: true });
    run = '';
  };
  let last = 0;
  for (const part of segmenterFor(lang).segment(text)) {
    if (part.isWordLike !== true) {
      flush();
      continue;
    }
    const word = part.segment;
    if (HAN_CHAR.test(word) && !stopWordsOf('zh').has(word)) {
      run += word;
      continue;
    }
    flush();
    if (SEGMENTED_SCRIPT.test(word)) out.push({ text: word, sentenceStart: false, segmented: true });
    else {
      // Latin or numbers inside CJK or Thai text: split as usual.
      for (const match of word.matchAll(WORD)) {
        const between = text.slice(last, part.index);
        out.push({ text: match[0], sentenceStart: out.length === 0 || SENTENCE_END.test(between), segmented: false });
      }
    }
    last = part.index + word.length;
  }
  flush();
  return out;
}

/** Folded words of a text ("12.7" kept, "china's" → "china"), no stop-word removal. */
export function words(text: string, lang = 'en'): string[] {
  const out: string[] = [];
  for (const surface of surfaceWords(text, lang)) for (const part of foldedParts(surface.text)) out.push(part);
  return out;
}

function foldedParts(raw: string): string[] {
  // Plain ASCII letters (most words): nothing to fold, strip or split.
  if (ASCII_LETTERS.test(raw)) return [raw.toLowerCase()];
  let word = fold(raw).replace(/’/g, "'");
  word = word.replace(/'s$/, '').replace(/'/g, '');
  if (/^\d+(?:[.,]\d+)+$/.test(word)) return [word.replace(/,(?=\d{3}\b)/g, '')];
  return word.split(/[.,&-]/).filter((part) => part !== '');
}

const isAcronym = (raw: string): boolean => raw.length >= 2 && /^\p{Lu}[\p{Lu}\p{N}&.-]*$/u.test(raw) && /\p{Lu}.*\p{Lu}|\p{Lu}\p{N}/u.test(raw);

export interface TokenizeOptions {
  lang: string;
  /** Capitalised words say nothing in this text (a Title Case headline): only these count as names. */
  titleCase?: boolean;
  /** Words capitalised within sentences elsewhere in the article (folded). */
  knownNames?: ReadonlySet<string>;
  /** Whether the text is in a non-Latin script (Latin words in it are then anchors). */
  foreignScript?: boolean;
  /** A headline: its first word is usually its subject ("Huawei unveils…"), so a capitalised
   * first word counts as a name unless the headline capitalises everything. */
  headline?: boolean;
}

/** Index tokens of a text, in order, with repeats. */
export function tokens(text: string, options: TokenizeOptions): Token[] {
  const stops = stopWordsOf(options.lang);
  const english = stopWordsOf('en');
  const out: Token[] = [];
  for (const surface of surfaceWords(text, options.lang)) {
    const acronym = !surface.segmented && isAcronym(surface.text);
    const capitalised = !surface.segmented && /^\p{Lu}/u.test(surface.text);
    for (const part of foldedParts(surface.text)) {
      const number = NUMBER_WORDS.get(part);
      const word = number ?? part;
      const hasDigit = /\d/.test(word);
      if (!hasDigit && !acronym) {
        if (word.length < 2 && !surface.segmented) continue;
        if (stops.has(word) || english.has(word)) continue;
      }
      const term = surface.segmented || hasDigit ? word : stem(word);
      // "Sundays" is a stop word once stemmed.
      if (!hasDigit && !acronym && term !== word && (stops.has(term) || english.has(term))) continue;
      let anchor = hasDigit || acronym;
      if (!anchor && capitalised && word.length > 2) {
        const firstOfHeadline = options.headline === true && out.length === 0;
        anchor = options.titleCase === true ? options.knownNames?.has(term) === true : !surface.sentenceStart || firstOfHeadline || options.knownNames?.has(term) === true;
      }
      if (!anchor && options.foreignScript === true && LATIN.test(word)) anchor = true;
      out.push({ term, anchor });
    }
  }
  return out;
}

/** Whether a headline capitalises (nearly) every long word, so capitals say nothing. */
export function isTitleCase(title: string): boolean {
  const long = (title.match(WORD) ?? []).filter((w) => w.length > 3 && /^\p{L}/u.test(w));
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.8;
}

/** Folded, stemmed words a text capitalises within its sentences: the names it uses. */
export function namesIn(text: string, lang: string): Set<string> {
  const names = new Set<string>();
  for (const surface of surfaceWords(text, lang)) {
    if (surface.segmented || surface.sentenceStart || !/^\p{Lu}/u.test(surface.text) || isAcronym(surface.text)) continue;
    for (const part of foldedParts(surface.text)) if (part.length > 2) names.add(stem(part));
  }
  return names;
}

/** Whether a text is mostly in a script other than Latin. */
export function isForeignScript(text: string): boolean {
  // Below U+02B9 every letter but µ is Latin: such text (most of a European store) is not foreign.
  if (!NOT_SURELY_LATIN.test(text)) return false;
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  return letters.filter((l) => LATIN.test(l)).length / letters.length < 0.5;
}
