/**
 * The language of a text, when the page or record does not say: the writing system first (Han,
 * kana, Hangul, Thai, Cyrillic, Arabic…), then, among languages in the same script, which
 * language's function words the text uses. Small and deterministic; good enough to pick stop
 * words and to label a match "in Malay". Returns a primary subtag ("en", "ms", "zh") or undefined.
 */
import { STOPWORD_LANGUAGES, stopWordsOf } from './stopwords';
import { fold } from './tokenize';

const SCRIPTS: readonly [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Devanagari}/gu, 'hi'],
];
/** Every script above, Arabic and Cyrillic lie beyond U+036F: text without such characters
 * (most of an English or European store) skips their tests. */
const BEYOND_LATIN = /[\u0370-\uffff]/;

/** Latin- and Cyrillic-script languages told apart by their function words. */
const BY_WORDS = STOPWORD_LANGUAGES.filter((lang) => !['zh', 'ja', 'ko', 'th', 'el', 'he', 'hi', 'ar', 'fa', 'id'].includes(lang));

/** Words shared by many Latin-script lists that say nothing about the language. */
const AMBIGUOUS = new Set(['a', 'o', 'e', 'i', 'de', 'la', 'en', 'in', 'di', 'da', 'do', 'se', 'as', 'am', 'an', 'to', 'so']);

/** Calls before the word → languages map is made: a lookup's one or two texts count words per
 * language directly, a write of many texts (an import) makes the map once and looks each word
 * up once (half the time a text) — making it costs ~10 ms, which a fresh page's lookup should
 * not pay. Both ways give the same answer. */
const CALLS_BEFORE_MAP = 100;
let calls = 0;
let byWord: Map<string, number> | undefined;

/** Each stop word of BY_WORDS's languages (AMBIGUOUS ones aside) → the languages that have it, as
 * bits in BY_WORDS's order (fewer than 31 languages). */
function languagesByWord(): Map<string, number> {
  if (byWord !== undefined) return byWord;
  byWord = new Map();
  BY_WORDS.forEach((lang, i) => {
    for (const word of stopWordsOf(lang)) if (!AMBIGUOUS.has(word)) byWord!.set(word, (byWord!.get(word) ?? 0) | (1 << i));
  });
  return byWord;
}

/** How many of `words` are (unambiguous) stop words of each of BY_WORDS's languages, in its order. */
export function stopWordHits(words: readonly string[], useMap: boolean = ++calls > CALLS_BEFORE_MAP): number[] {
  const hits = new Array<number>(BY_WORDS.length).fill(0);
  if (useMap) {
    const languagesOf = languagesByWord();
    for (const word of words) {
      const mask = languagesOf.get(word);
      if (mask === undefined) continue;
      for (let i = 0; i < BY_WORDS.length; i++) if ((mask & (1 << i)) !== 0) hits[i]!++;
    }
  } else {
    BY_WORDS.forEach((lang, i) => {
      const stops = stopWordsOf(lang);
      for (const word of words) if (stops.has(word) && !AMBIGUOUS.has(word)) hits[i]!++;
    });
  }
  return hits;
}

export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, 600);
  const beyondLatin = BEYOND_LATIN.test(sample);
  if (beyondLatin) {
    for (const [pattern, lang] of SCRIPTS) {
      // A Latin headline quoting one foreign name is not in that language: the script must be a
      // real part of the text.
      const count = sample.match(pattern)?.length ?? 0;
      if (count >= 2) return lang;
    }
    if (/\p{Script=Arabic}{2}/u.test(sample)) return /[پچژگ]/u.test(sample) ? 'fa' : 'ar';
  }
  const words = fold(sample).match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return undefined;
  const cyrillic = beyondLatin && /\p{Script=Cyrillic}/u.test(sample);
  const hitsOf = stopWordHits(words);
  let best: string | undefined;
  let bestHits = 0;
  let english = 0;
  BY_WORDS.forEach((lang, i) => {
    if (cyrillic !== (lang === 'ru' || lang === 'uk')) return;
    const hits = hitsOf[i]!;
    if (lang === 'en') english = hits;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  });
  if (cyrillic) return best ?? 'ru';
  // English is the default for Latin text; another language must show clearly more of its own
  // function words (news headlines have few).
  if (best === undefined || best === 'en') return 'en';
  return bestHits >= 2 && bestHits >= english + 2 ? best : 'en';
}

/** "ms-MY" → "ms"; anything malformed → undefined. */
export function primaryLanguage(tag: string | undefined | null): string | undefined {
  if (typeof tag !== 'string') return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return undefined;
  // Malay and Indonesian share most of their words; "in" is the old code for Indonesian, "zsm"
  // and "msa" name Malay.
  return ({ in: 'id', zsm: 'ms', msa: 'ms', zho: 'zh', cmn: 'zh', eng: 'en' } as Record<string, string>)[primary] ?? primary;
}
