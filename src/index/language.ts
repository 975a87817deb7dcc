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

/** The letters of each script-decided language above (Japanese writes Han too). */
const SCRIPT_LETTERS: Readonly<Record<string, RegExp>> = {
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/gu,
  ko: /\p{Script=Hangul}/gu,
  zh: /\p{Script=Han}/gu,
  th: /\p{Script=Thai}/gu,
  el: /\p{Script=Greek}/gu,
  he: /\p{Script=Hebrew}/gu,
  hi: /\p{Script=Devanagari}/gu,
  ar: /\p{Script=Arabic}/gu,
  fa: /\p{Script=Arabic}/gu,
};
const CYRILLIC_LANGUAGES = new Set(['ru', 'uk']);

/**
 * detectLanguage's answer when the text leaves no doubt, else undefined — for what a person reads
 * or hears (the pages' `lang`, which picks a screen reader's voice), where a wrong language is worse
 * than none. The index keeps detectLanguage (it only picks stop words and stems). Sure: a script
 * only that language uses here, holding at least as many of the sample's letters as Latin does
 * (an English headline quoting "习近平" is not Chinese); or, decided by function words, at least
 * twice as many of its own as of any other language of its script, plus four (Russian and
 * Ukrainian: three more than the other). Over the dev files'
 * ~24,700 English records it holds for none of the 21 that detectLanguage calls something else
 * ("Man arrested in fatal shooting at grocery store …" → da: 7 Danish words, 4 English), and for
 * mmds-dev's Chinese (37 of 37) and Malay (34 of 35) ones and 2 of smartable's 3 Spanish ones.
 */
export function sureLanguage(text: string): string | undefined {
  return sureOf(text, detectLanguage(text));
}

function sureOf(text: string, lang: string | undefined): string | undefined {
  if (lang === undefined) return undefined;
  const sample = text.slice(0, 600);
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const letters = SCRIPT_LETTERS[lang];
  if (letters !== undefined) return (sample.match(letters)?.length ?? 0) >= latin ? lang : undefined;
  const cyrillic = CYRILLIC_LANGUAGES.has(lang);
  if (cyrillic && (sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0) < latin) return undefined;
  const hits = stopWordHits(fold(sample).match(/\p{L}+/gu) ?? []);
  let own = 0;
  let rival = 0;
  BY_WORDS.forEach((other, i) => {
    if (other === lang) own = hits[i]!;
    else if (CYRILLIC_LANGUAGES.has(other) === cyrillic) rival = Math.max(rival, hits[i]!);
  });
  // Russian and Ukrainian share many function words (a Russian sentence: 7 Russian, 4 Ukrainian):
  // three more of its own decide, where the other choice is a voice of the same script.
  return own >= 4 && own >= (cyrillic ? rival + 3 : 2 * rival + 4) ? lang : undefined;
}

/**
 * The language to mark a text with for the people reading it (`lang` on its element), or undefined
 * to leave it to the page's (English). `lang` is the source's: stated by the page, feed or record when
 * `stated`; else a stored article's, which may be a guess (the store keeps the stated language,
 * else detectLanguage's answer for its title and excerpt: src/store/merge.ts), and is taken as
 * stated when it differs from that answer. A sure reading of the text wins (a site that says
 * "en-US" of every page, Chinese ones too); a guess that is not sure is not used.
 */
export function displayLanguage(lang: string | undefined, text: string, stated: boolean): string | undefined {
  const guess = detectLanguage(text);
  const source = primaryLanguage(lang);
  // English said and guessed needs no mark (the pages are English), nor the second count of words.
  if (guess === 'en' && (source === undefined || source === 'en')) return undefined;
  const sure = sureOf(text, guess);
  if (sure !== undefined) return source === sure ? languageTag(lang) : sure;
  return source !== undefined && (stated || source !== guess) ? languageTag(lang) : undefined;
}

/**
 * The language to name in a label ("in Malay"), a primary subtag, or undefined to name none:
 * displayLanguage's, or English when the source and the guess say English (the guess's default,
 * which displayLanguage leaves to the pages). An English report guessed Danish is not named.
 */
export function labelLanguage(lang: string | undefined, text: string, stated: boolean): string | undefined {
  const shown = displayLanguage(lang, text, stated);
  if (shown !== undefined) return primaryLanguage(shown);
  const source = primaryLanguage(lang) ?? detectLanguage(text);
  return source === 'en' ? 'en' : undefined;
}

/** A language tag fit for an HTML `lang` attribute ("zh-Hant", "ms"), else its primary subtag, else undefined. */
export function languageTag(tag: string | undefined | null): string | undefined {
  if (typeof tag !== 'string') return undefined;
  const trimmed = tag.trim();
  const primary = primaryLanguage(trimmed);
  if (primary === undefined) return undefined;
  // The subtags after the language ("-Hant", "-MY") when well formed; the language itself as primaryLanguage spells it ("in" → "id").
  const rest = /^[a-z]{2,3}((?:-[a-z0-9]{1,8})*)$/i.exec(trimmed)?.[1] ?? '';
  return primary + rest;
}
