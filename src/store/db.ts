/**
 * The IndexedDB schema (Dexie). Only src/store talks to this; every other module uses the typed
 * API of ./store. Each schema change is a new version with an upgrade that migrates stored data.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { indexTerms } from '../related/terms';
import type { MetaRow, StoredArticle, StoredLink, TermStat } from './types';

export const DATABASE_NAME = 'rest-of-the-story';

export class NewsDatabase extends Dexie {
  articles!: EntityTable<StoredArticle, 'id'>;
  links!: Dexie.Table<StoredLink, [string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  termStats!: EntityTable<TermStat, 'term'>;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    // Version 1. articles: by id; any URL alias; time; outlet; topic; index term; read time.
    // links: [from+to] primary key (outgoing links are a key-range scan), `to` for incoming.
    this.version(1).stores({
      articles: 'id, *urls, publishedAt, domain, *topics, *terms, addedAt, readAt',
      links: '[from+to], to',
      meta: 'key',
    });
    // Version 2: the same-story engine's document frequencies (how many articles have each
    // index term). Upgrade: recompute every article's terms with the current tokenizer and
    // count them, so existing stores answer at once.
    this.version(2)
      .stores({ termStats: 'term' })
      .upgrade(async (tx) => {
        const counts = new Map<string, number>();
        await tx
          .table<StoredArticle, string>('articles')
          .toCollection()
          .modify((article) => {
            const { terms, titleTermCount } = indexTerms(article.title, article.excerpt);
            article.terms = terms;
            article.titleTermCount = titleTermCount;
            for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
          });
        await tx.table<TermStat, string>('termStats').bulkPut([...counts].map(([term, df]) => ({ term, df })));
      });
  }
}
