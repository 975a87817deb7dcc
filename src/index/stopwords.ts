/**
 * Stop words per language: function words that say nothing about which story an article tells.
 * The lists come from the `stopword` package (ISO 639-3 keyed); a few languages get extras the
 * package lacks for news text. Malay uses the Indonesian list (the package's Malay list is a
 * frequency list that holds names and places such as "najib" and "singapura", which are exactly
 * what tells stories apart).
 */
import { ara, ces, dan, deu, ell, eng, fas, fin, fra, heb, hin, hun, ind, ita, jpn, kor, nld, nob, pol, por, ron, rus, spa, swe, tgl, tha, tur, ukr, vie, zho } from 'stopword';

/** Words of news English that carry no story: reporting verbs, media words, days and times. */
const ENGLISH_NEWS = (
  'says said say tells told new news via amid update updated updates live watch video photos photo report reports ' +
  'reported according latest breaking get gets got make makes made may might must shall us like could would will ' +
  'year years day days week weeks month months today yesterday tomorrow tonight monday tuesday wednesday thursday ' +
  'friday saturday sunday mr mrs ms just now also still more most much many one ones first last next s t ll ve re d m ' +
  'don doesn didn isn aren wasn weren won wouldn can cannot up out over off back its it\'s'
).split(' ');

/** Malay function words the Indonesian list lacks. */
const MALAY_EXTRAS = (
  'akan bagi beliau daripada dengan kepada ketika mereka oleh pada sahaja selepas semasa serta tetapi yang ini itu ' +
  'iaitu ialah juga lagi telah sudah untuk kata katanya berkata dalam hingga sehingga kerana manakala bahawa turut ' +
  'antara lain semalam hari ini tahun sebanyak seorang sebuah kali'
).split(' ');

const LISTS: Record<string, readonly string[]> = {
  en: [...eng, ...ENGLISH_NEWS],
  ms: [...ind, ...MALAY_EXTRAS],
  id: [...ind, ...MALAY_EXTRAS],
  zh: zho,
  ja: jpn,
  ko: kor,
  th: tha,
  fr: fra,
  de: deu,
  es: spa,
  it: ita,
  pt: por,
  nl: nld,
  ru: rus,
  uk: ukr,
  ar: ara,
  tr: tur,
  pl: pol,
  sv: swe,
  da: dan,
  nb: nob,
  fi: fin,
  vi: vie,
  hi: hin,
  ro: ron,
  cs: ces,
  el: ell,
  he: heb,
  hu: hun,
  fa: fas,
  tl: tgl,
};

const folded = (word: string): string => word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

const SETS = new Map<string, ReadonlySet<string>>(Object.entries(LISTS).map(([lang, list]) => [lang, new Set(list.map(folded))]));

/** Languages with a stop-word list (primary subtags). */
export const STOPWORD_LANGUAGES: readonly string[] = [...SETS.keys()];

/** The stop words of a language (primary subtag, e.g. "ms"), folded; empty when unknown. */
export function stopWordsOf(lang: string): ReadonlySet<string> {
  return SETS.get(lang) ?? EMPTY;
}

const EMPTY: ReadonlySet<string> = new Set();
