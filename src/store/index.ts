export { ArticleStore, type StoreOptions, type UpsertOutcome, type UpsertResult } from './store';
export { toArticleView, type ArticleView } from './view';
export type { ArticleOrigin, StoredArticle, StoredLink } from './types';
