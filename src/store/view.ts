/** What a UI may see of a stored article: display fields only (no opaque data, no index terms). */
import type { StoredArticle } from './types';

export interface ArticleView {
  id: string;
  url: string;
  title: string;
  excerpt: string;
  /** Epoch ms. */
  publishedAt?: number;
  providerName: string;
  domain: string;
  image?: string;
  topics: string[];
  quality?: number;
  heat?: number;
  readAt?: number;
  /** When it entered the store (epoch ms). */
  addedAt: number;
}

export function toArticleView(article: StoredArticle): ArticleView {
  const view: ArticleView = {
    id: article.id,
    url: article.url,
    title: article.title,
    excerpt: article.excerpt,
    providerName: article.provider?.name || article.domain,
    domain: article.domain,
    topics: article.topics,
    addedAt: article.addedAt,
  };
  if (article.publishedAt !== undefined) view.publishedAt = article.publishedAt;
  const image = article.images[0]?.url;
  if (image !== undefined) view.image = image;
  if (article.quality !== undefined) view.quality = article.quality;
  if (article.heat !== undefined) view.heat = article.heat;
  if (article.readAt !== undefined) view.readAt = article.readAt;
  return view;
}
