/**
 * An article's index terms: what the store keeps of its text for the same-story engine, and what
 * a page being read is turned into before a lookup. Title terms come first (they weigh most),
 * then the excerpt's; anchors (names, numbers, acronyms: see tokenize.ts) are marked.
 */
import { detectLanguage, primaryLanguage } from './language';
import { isForeignScript, isTitleCase, namesIn, tokens } from './tokenize';
import { regionOfTerm, regionTerm, regionTerms } from './regions';
import { weekdayTerms } from './weekdays';

export { termHash } from './term-hash';

export interface IndexTerms {
  /** Distinct terms: the title's first, then the excerpt's that are not in the title, then the
   * markers of the days of the week the text names (weekdays.ts; not words, outside the cap), then
   * the markers of the regions it names that no term stands for (regions.ts; outside the cap). A
   * term that is a named region's whole name is that region's marker in its place. */
  terms: string[];
  /** How many of `terms` come from the title. */
  titleTermCount: number;
  /** Terms that are anchors (a subset of `terms`). */
  anchors: string[];
  /** Primary language subtag, stated or detected ("en", "ms", "zh"); undefined when unknown. */
  lang: string | undefined;
}

/** Enough of a long excerpt to know its story; more adds only noise and bytes. */
export const MAX_INDEX_TERMS = 64;

export function indexTerms(title: string, excerpt: string, statedLang?: string | null): IndexTerms {
  const lang = primaryLanguage(statedLang) ?? detectLanguage(`${title} ${excerpt}`);
  const tokenLang = lang ?? 'en';
  const foreignScript = isForeignScript(title + excerpt);
  const knownNames = namesIn(excerpt, tokenLang);
  const titleTokens = tokens(title, { lang: tokenLang, titleCase: isTitleCase(title), knownNames, foreignScript, headline: true });
  const excerptTokens = tokens(excerpt, { lang: tokenLang, foreignScript, knownNames: new Set() });
  const terms: string[] = [];
  const anchors = new Set<string>();
  const seen = new Set<string>();
  let titleTermCount = 0;
  const add = (list: { term: string; anchor: boolean }[], title: boolean): void => {
    for (const { term, anchor } of list) {
      if (!seen.has(term)) {
        if (terms.length >= MAX_INDEX_TERMS) return;
        seen.add(term);
        terms.push(term);
        if (title) titleTermCount++;
      }
      if (anchor) anchors.add(term);
    }
  };
  add(titleTokens, true);
  add(excerptTokens, false);
  const text = `${title} ${excerpt}`;
  const regions = regionTerms(text, tokenLang);
  if (regions.length > 0) titleTermCount = renameRegions(terms, anchors, regions, titleTermCount, tokenLang);
  terms.push(...weekdayTerms(text));
  for (const region of regions) {
    if (terms.includes(region)) continue;
    terms.push(region);
    anchors.add(region);
  }
  return { terms, titleTermCount, anchors: terms.filter((t) => anchors.has(t)), lang };
}

/**
 * A term that is a region's whole name the text names ("malaysia") becomes the region's marker in
 * its place: the same evidence as the word for coverage in one language (counted once, not as word
 * and marker), and shared with coverage that names the region otherwise ("马来西亚"). A second term
 * of the same region is dropped (terms stay distinct). Returns how many title terms are left.
 */
function renameRegions(terms: string[], anchors: Set<string>, regions: readonly string[], titleTermCount: number, lang: string): number {
  const named = new Set(regions);
  const placed = new Set<string>();
  let titleLeft = titleTermCount;
  let kept = 0;
  for (let at = 0; at < terms.length; at++) {
    const term = terms[at]!;
    const code = regionOfTerm(term, lang);
    const marker = code === undefined ? undefined : regionTerm(code);
    if (marker !== undefined && named.has(marker)) {
      if (placed.has(marker)) {
        if (at < titleTermCount) titleLeft--;
        continue;
      }
      placed.add(marker);
      anchors.add(marker);
      terms[kept++] = marker;
    } else terms[kept++] = term;
  }
  terms.length = kept;
  return titleLeft;
}

/** The distinct terms of a free text (a search box, a selection), in order. */
export function terms(text: string, lang?: string): string[] {
  const tokenLang = textLanguage(text, lang);
  const list = [...new Set(tokens(text, { lang: tokenLang }).map((t) => t.term))];
  // A region's whole name is indexed as its marker (indexTerms), so a search for it must ask for
  // the marker; a name of several words is searched as its words, which its articles carry too.
  const regions = regionTerms(text, tokenLang);
  if (regions.length > 0) renameRegions(list, new Set(), regions, list.length, tokenLang);
  return list;
}

/** The language a free text is tokenized in: stated, else detected, else English. */
export function textLanguage(text: string, lang?: string): string {
  return primaryLanguage(lang) ?? detectLanguage(text) ?? 'en';
}
