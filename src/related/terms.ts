/**
 * Text → index terms. The same function runs when an article is stored and when a page is
 * looked up, so the two always agree. Terms are lower-cased, accent-free word forms with a light
 * plural stem; stop words and one-letter words are dropped; numbers stay whole ("12.7", "2020").
 */

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'says said say new news via amid after over s t ll ve re d m don doesn didn isn aren wasn weren won wouldn ' +
    'update updated updates live watch video photos photo report reports according latest breaking first one two ' +
    'get gets got make makes made may might must shall us like than more could would year years day days week weeks ' +
    'today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;

/** Lower-case, strip accents, and split into words (keeping "12.7" and "o'neil" whole). */
export function words(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const out: string[] = [];
  for (const match of folded.matchAll(WORD)) {
    let word = match[0].replace(/’/g, "'");
    // Possessives and contractions: "china's" → "china".
    word = word.replace(/'s$/, '').replace(/'/g, '');
    // Thousands separators and decimals stay in numbers only.
    if (/[.,]/.test(word) && !/^\d+(?:[.,]\d+)+$/.test(word)) {
      for (const part of word.split(/[.,]/)) if (part !== '') out.push(part);
      continue;
    }
    out.push(word.replace(/,/g, ''));
  }
  return out;
}

/** A light English plural stem: "chips" → "chip", "companies" → "company", "bus" stays. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|os)$/.test(word)) return word.slice(0, -1);
  return word;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Content terms of a text, in order of first appearance, without repeats. */
export function terms(text: string): string[] {
  const seen = new Set<string>();
  for (const word of words(text)) {
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (STOP_WORDS.has(word)) continue;
    seen.add(stem(word));
  }
  return [...seen];
}

export interface IndexTerms {
  /** Distinct terms: the title's first, then the excerpt's that are not in the title. */
  terms: string[];
  /** How many of `terms` come from the title. */
  titleTermCount: number;
}

export const MAX_INDEX_TERMS = 48;

export function indexTerms(title: string, excerpt: string): IndexTerms {
  const titleTerms = terms(title).slice(0, MAX_INDEX_TERMS);
  const seen = new Set(titleTerms);
  const all = [...titleTerms];
  for (const term of terms(excerpt)) {
    if (all.length >= MAX_INDEX_TERMS) break;
    if (!seen.has(term)) {
      seen.add(term);
      all.push(term);
    }
  }
  return { terms: all, titleTermCount: titleTerms.length };
}

const CASED_WORD = /[\p{L}\p{N}]+(?:[.'’&-][\p{L}\p{N}]+)*/gu;

/**
 * Names in a headline (people, places, organisations), as index terms: capitalised words and
 * all-capital acronyms ("GM", "MH370"). The first word counts too (headlines often start with
 * their subject); in a Title Case headline capitals say nothing, so only acronyms count there.
 * Numbers are not names.
 */
export function titleNames(title: string): string[] {
  const tokens = [...title.matchAll(CASED_WORD)].map((m) => m[0]);
  const long = tokens.filter((t) => t.length > 3 && /^\p{L}/u.test(t));
  const titleCase = long.length >= 3 && long.filter((t) => /^\p{Lu}/u.test(t)).length / long.length >= 0.8;
  const names = new Set<string>();
  for (const token of tokens) {
    const acronym = token.length >= 2 && /^\p{Lu}[\p{Lu}\p{N}&.-]*$/u.test(token) && /\p{Lu}.*\p{Lu}|\p{Lu}\p{N}/u.test(token);
    const capitalised = /^\p{Lu}\p{Ll}/u.test(token);
    if (!acronym && (titleCase || !capitalised)) continue;
    for (const term of terms(token)) if (!/^\d/.test(term)) names.add(term);
  }
  return [...names];
}
