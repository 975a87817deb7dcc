/** What a UI may see of a stored article: display fields only (no opaque data, no index terms). */
import { displayLanguage } from '../index/language';
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
  /** The language of its title and excerpt, when known for sure (for `lang` on them: a screen
   * reader reads them in it); absent to leave it to the page's. See displayLanguage. */
  lang?: string;
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
  const lang = displayLanguage(article.lang, `${article.title} ${article.excerpt}`, false);
  if (lang !== undefined) view.lang = lang;
  return view;
}
