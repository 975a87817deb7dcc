/**
 * Related coverage for an article: the links its record carries (both ways) and same-story
 * matches by content. This is the one entry point UIs use; the matcher behind it can change.
 */
import type { ArticleStore, StoredArticle } from '../store';
import { toArticleView } from '../store/view';
import { urlKey } from '../shared';
import { matchByContent } from './content-match';
import type { MatchReason, RelatedItem, RelatedQuery, RelatedResult } from './types';

export interface FindRelatedOptions {
  /** At most this many items (default 20). */
  limit?: number;
}

export async function findRelated(store: ArticleStore, query: RelatedQuery, options: FindRelatedOptions = {}): Promise<RelatedResult> {
  const limit = options.limit ?? 20;
  const stored = await store.findByUrls(query.urls);
  const reasons = new Map<string, MatchReason[]>();
  const scores = new Map<string, number>();
  const add = (id: string, reason: MatchReason, score: number): void => {
    if (id === stored?.id) return;
    reasons.set(id, [...(reasons.get(id) ?? []), reason]);
    scores.set(id, (scores.get(id) ?? 0) + score);
  };

  if (stored !== undefined) {
    const [linked, linking] = await Promise.all([store.linkedFrom(stored.id), store.linkingTo(stored.id)]);
    for (const id of linked) add(id, { kind: 'linked' }, 1);
    for (const id of linking) add(id, { kind: 'links-here' }, 1);
  }
  const title = stored?.title || query.title;
  const excerpt = stored?.excerpt || query.excerpt;
  const matches = await matchByContent(store, { title, excerpt, excludeId: stored?.id });
  for (const match of matches) add(match.id, { kind: 'same-story', terms: match.sharedTerms }, match.score);

  const ids = [...scores.keys()];
  const articles = (await store.getArticles(ids)).filter((a): a is StoredArticle => a !== undefined);
  const items: RelatedItem[] = articles.map((article) => ({
    article: toArticleView(article),
    reasons: reasons.get(article.id) ?? [],
    score: scores.get(article.id) ?? 0,
    alsoIn: [],
  }));
  return { article: stored === undefined ? null : toArticleView(stored), items: orderAndDedupe(items, stored).slice(0, limit) };
}

/** Same story first (the strongest evidence), then newest first; one item per article URL or
 * identical title from the same outlet. */
function orderAndDedupe(items: RelatedItem[], self: StoredArticle | undefined): RelatedItem[] {
  const sorted = [...items].sort((a, b) => b.score - a.score || (b.article.publishedAt ?? 0) - (a.article.publishedAt ?? 0));
  const seen = new Set<string>();
  if (self !== undefined) {
    for (const key of self.urls) seen.add('u:' + key);
    seen.add('t:' + self.domain + ':' + self.title.toLowerCase());
  }
  const out: RelatedItem[] = [];
  for (const item of sorted) {
    const keys = ['u:' + (urlKey(item.article.url) ?? item.article.id), 't:' + item.article.domain + ':' + item.article.title.toLowerCase()];
    if (keys.some((key) => seen.has(key))) continue;
    for (const key of keys) seen.add(key);
    out.push(item);
  }
  return out;
}
