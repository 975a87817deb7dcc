/**
 * The matcher's view of an article (MatchDoc: terms as hashes), made from its index fields as
 * strings (a stored row, a page being read, an article held in memory) or from a segment's
 * forward data (src/index/segments.ts). Both give the same document for the same article.
 */
import { ANCHOR_FLAG, NUMBER_FLAG, type ForwardDoc } from '../index/segments';
import { termHash } from '../index/terms';
import type { MatchDoc } from './matcher';

/** An article's index fields as the store and the tokenizer keep them. */
export interface TermFields {
  terms: readonly string[];
  titleTermCount: number;
  /** A subset of `terms` (absent in rows of early versions). */
  anchors?: readonly string[] | undefined;
  publishedAt?: number | undefined;
  lang?: string | undefined;
}

export function toMatchDoc(fields: TermFields): MatchDoc {
  const numbers = new Set<number>();
  const terms = fields.terms.map((term) => {
    const hash = termHash(term);
    // The same test the segments' number flag makes (segments.ts).
    if (/^\d/.test(term)) numbers.add(hash);
    return hash;
  });
  return { terms, titleTermCount: fields.titleTermCount, anchors: new Set((fields.anchors ?? []).map(termHash)), numbers, publishedAt: fields.publishedAt, lang: fields.lang };
}

/** An article's document from a segment's forward data (anchors in term order, as stored rows list them). */
export function fromForward(doc: ForwardDoc): MatchDoc {
  const anchors = new Set<number>();
  const numbers = new Set<number>();
  const terms = new Array<number>(doc.terms.length);
  for (let i = 0; i < doc.terms.length; i++) {
    const hash = doc.terms[i]!;
    terms[i] = hash;
    const flags = doc.flags[i]!;
    if ((flags & ANCHOR_FLAG) !== 0) anchors.add(hash);
    if ((flags & NUMBER_FLAG) !== 0) numbers.add(hash);
  }
  return { terms, titleTermCount: doc.titleTermCount, anchors, numbers, publishedAt: doc.publishedAt, lang: doc.lang };
}
