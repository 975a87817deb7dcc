export { ArticleStore, assembleRecord, prepareRecord, recordFacts, type PreparedBatch, type RecordFacts, type PreparedRecord, type StoreOptions, type UpsertOutcome, type UpsertResult, WrittenUrlKeys } from './store';
export { toArticleView, type ArticleView } from './view';
export type { ArticleOrigin, StoredArticle, StoredLink } from './types';
export { FeedStore, FEED_DEFAULTS, feedIdFor, type FeedPatch, type FeedWithCount, type NewFeed, type StoredItemsResult } from './feed-store';
export type { FeedStatus, StoredFeed } from './types';
export { readArticleAges, readExportPage, restoreFeedMemberships, type ArticleAge, type ExportPage, type RestoredMembership } from './maintenance';
