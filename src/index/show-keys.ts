/**
 * What the show decision (src/related/show-decision.ts) asks of an article besides its score:
 * whether it is the same page as another (its URL key), the same headline within an outlet, a
 * syndicated copy (headline term pairs), and its outlet. Segments keep these per article (as
 * hashes and an outlet number, see segments.ts), so a lookup decides what it shows before reading
 * any row; a stored row gives the same keys (`showSourceOf`, then the decision's own keys).
 */
import { hash64 } from '../record/id';
import { urlKey } from '../shared';

/** An article's show fields before packing: 64-bit hashes (two 32-bit halves) of its URL key and
 * of its normalised headline, and its outlet (the stored `domain`). */
export interface ShowSource {
  urlHash: readonly [number, number];
  titleHash: readonly [number, number];
  outlet: string;
}

/** A headline as the decision compares them: case and runs of white space do not count. */
export function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The 64-bit hash the show keys use (defined beside the article ids' hash, whose mixing it shares). */
export { hash64 };

/** The show fields of a stored article (the URL key of the URL it opens; its id when that URL has
 * none). `openKey`: that URL's key when the caller has it already (parsing URLs is a good part of
 * a write's cost); undefined: parsed here. */
export function showSourceOf(article: { id: string; url: string; domain: string; title: string }, openKey?: string | null): ShowSource {
  const key = openKey === undefined ? urlKey(article.url) : openKey;
  return { urlHash: hash64(key ?? article.id), titleHash: hash64(normaliseTitle(article.title)), outlet: article.domain };
}

/** A 64-bit hash as one comparable string. */
export function hashKey(high: number, low: number): string {
  return `${high.toString(36)}.${low.toString(36)}`;
}
