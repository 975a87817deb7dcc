/**
 * An article's index fields (terms, title term count, anchors) are not kept in its row since the
 * `drop-row-terms` data step: ~8 % of the store on disk (bench/RESULTS.md, sessions 27 and 33).
 * The segments' forward data hold every indexed article's terms as hashes with their anchor and
 * number flags (src/index/segments.ts) — what lookups and the digest read. Where strings are
 * needed (the consistency check, a rewrite of the index, a row read for a segment without forward
 * data) the tokenizer makes them again from the row's title, excerpt and language: the same
 * inputs they were made from at the write (the language stated, else the one detected then and
 * kept in the row), so the same fields while the tokenizer is the one that indexed them — and the
 * runtime too: the tokenizer leans on its ICU (Intl.Segmenter for Chinese, Japanese and Thai,
 * Intl.DisplayNames for region names), which a browser update may change; the index then keeps
 * the old runtime's terms (explainTerms in src/related/find-related.ts looks for those too).
 */
import { indexFields, type IndexFields } from './merge';
import type { StoredArticle } from './types';

/** The index fields of an article: its row's where it still has them (a store whose step has not
 * reached it, or an article the writer is about to store), else the tokenizer's. */
export function termFieldsOf(article: StoredArticle): IndexFields {
  if (article.terms !== undefined) {
    const fields: IndexFields = { terms: article.terms, titleTermCount: article.titleTermCount ?? 0, anchors: article.anchors ?? [] };
    if (article.lang !== undefined) fields.lang = article.lang;
    return fields;
  }
  return indexFields(article.title, article.excerpt, article.lang);
}

/** Whether the row still carries index fields (written before the `drop-row-terms` step). */
export function hasRowTerms(article: StoredArticle): boolean {
  return article.terms !== undefined || article.titleTermCount !== undefined || article.anchors !== undefined;
}

/** The row to store for an article: without its index fields (a copy when it has them). */
export function storedRow(article: StoredArticle): StoredArticle {
  if (!hasRowTerms(article)) return article;
  const { terms: _terms, titleTermCount: _count, anchors: _anchors, ...row } = article;
  return row;
}
