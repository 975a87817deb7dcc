/**
 * The matcher's view of an article (MatchDoc: terms as hashes), made from its index fields as
 * strings (a stored row, a page being read, an article held in memory) or from a segment's
 * forward data (src/index/segments.ts). Both give the same document for the same article. The
 * day markers among the index terms (src/index/weekdays.ts) become the document's days, not terms.
 */
import { ANCHOR_FLAG, NUMBER_FLAG, type ForwardDoc } from '../index/segments';
import { termHash } from '../index/terms';
import { weekdayBit } from '../index/weekdays';
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
  const terms: number[] = [];
  let weekdays = 0;
  for (const term of fields.terms) {
    const hash = termHash(term);
    const day = weekdayBit(hash);
    if (day !== 0) {
      weekdays |= day;
      continue;
    }
    // The same test the segments' number flag makes (segments.ts).
    if (/^\d/.test(term)) numbers.add(hash);
    terms.push(hash);
  }
  return { terms, titleTermCount: fields.titleTermCount, anchors: new Set((fields.anchors ?? []).map(termHash)), numbers, publishedAt: fields.publishedAt, lang: fields.lang, weekdays };
}

/** An article's document from a segment's forward data (anchors in term order, as stored rows list them). */
export function fromForward(doc: ForwardDoc): MatchDoc {
  const anchors = new Set<number>();
  const numbers = new Set<number>();
  const terms: number[] = [];
  let weekdays = 0;
  for (let i = 0; i < doc.terms.length; i++) {
    const hash = doc.terms[i]!;
    const day = weekdayBit(hash);
    if (day !== 0) {
      weekdays |= day;
      continue;
    }
    terms.push(hash);
    const flags = doc.flags[i]!;
    if ((flags & ANCHOR_FLAG) !== 0) anchors.add(hash);
    if ((flags & NUMBER_FLAG) !== 0) numbers.add(hash);
  }
  return { terms, titleTermCount: doc.titleTermCount, anchors, numbers, publishedAt: doc.publishedAt, lang: doc.lang, weekdays };
}
