import type { ArticleView } from '../store/view';

/** Why an article is listed as related coverage. */
export type MatchReason =
  /** The record of the article being read lists it in its `related` list. */
  | { kind: 'linked' }
  /** Its record lists the article being read. */
  | { kind: 'links-here' }
  /** Same story by content: the distinctive terms they share; `language` (a primary subtag) when
   * the article is in another language than the one being read. */
  | { kind: 'same-story'; terms: string[]; language?: string }
  /** Same story as another item shown (`mate`: its headline), by the terms the two share — the
   * article being read says too little for its own verdict (the second hop, candidates.ts). */
  | { kind: 'same-story-as'; mate: string; terms: string[]; language?: string }
  /** A text search: the query's words it carries (see search.ts). */
  | { kind: 'mentions'; words: string[] };

export interface OutletRef {
  name: string;
  domain: string;
  url: string;
}

export interface RelatedItem {
  article: ArticleView;
  reasons: MatchReason[];
  /** Higher is closer; comparable within one result only. */
  score: number;
  /** Other outlets that ran the same (syndicated) story, collapsed into this item. */
  alsoIn: OutletRef[];
}

/** What is looked up: a stored article, or a page known only by its metadata. */
export interface RelatedQuery {
  urls: string[];
  title: string;
  excerpt: string;
  /** Epoch ms. */
  publishedAt?: number;
  /** The page's language (its `lang`), when known. */
  lang?: string;
}

export interface RelatedResult {
  /** The stored article the query resolved to, if any. */
  article: ArticleView | null;
  items: RelatedItem[];
}
