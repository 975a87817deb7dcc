/**
 * Pure rules for turning records into stored articles and merging two descriptions of one
 * article. Kept apart from IndexedDB so they are tested directly.
 */
import type { NewsRecord, StoreState } from '../record/record';
import { articleIdFor, hash53 } from '../record/id';
import { indexTerms } from '../index/terms';
import { displayDomain, urlKey } from '../shared';
import { ORIGIN_RANK, type ArticleOrigin, type RecordExtras, type StoredArticle } from './types';

/** An article's index fields as the tokenizer makes them from its title, excerpt and language. */
export interface IndexFields {
  terms: string[];
  titleTermCount: number;
  anchors: string[];
  lang?: string;
}

/** Texts indexed lately and their fields. A write indexes some texts twice — a related entry
 * with its record's headline, a merge of two descriptions the batch (or one just before) already
 * indexed — about one in six of an import's. Tokenizing is pure: a remembered answer is the
 * answer. Bounded (least recently used dropped first). */
const RECENT_TEXTS = 4096;
const recentFields = new Map<string, IndexFields>();

/** The index fields of an article's text: terms, anchors, and its language when it states none. */
export function indexFields(title: string, excerpt: string, lang: string | undefined): IndexFields {
  // Lengths first, so no two different (lang, title, excerpt) share a key.
  const key = `${lang === undefined ? '-' : `${lang.length}:${lang}`}|${title.length}:${title}${excerpt}`;
  let fields = recentFields.get(key);
  if (fields !== undefined) recentFields.delete(key);
  else {
    const indexed = indexTerms(title, excerpt, lang);
    fields = { terms: indexed.terms, titleTermCount: indexed.titleTermCount, anchors: indexed.anchors };
    const language = lang ?? indexed.lang;
    if (language !== undefined) fields.lang = language;
    if (recentFields.size >= RECENT_TEXTS) recentFields.delete(recentFields.keys().next().value!);
  }
  recentFields.set(key, fields);
  // Copies: callers own the lists they are given.
  const out: IndexFields = { terms: [...fields.terms], titleTermCount: fields.titleTermCount, anchors: [...fields.anchors] };
  if (fields.lang !== undefined) out.lang = fields.lang;
  return out;
}

/** URL keys of a record: the original article's first (it is the article's identity). An
 * exported record's kept keys come first, in their stored order, so it keeps its id. */
export function recordUrlKeys(record: NewsRecord): string[] {
  return urlKeysAndOpenKey(record).keys;
}

/** recordUrlKeys, and the key of the URL the article opens (null: none), each URL parsed once:
 * the index's show fields ask for that key of every article it posts (src/index/show-keys.ts). */
function urlKeysAndOpenKey(record: NewsRecord): { keys: string[]; openKey: string | null } {
  const raws = [record.originalUrl, record.webUrl, record.ampWebUrl, record.cdnAmpWebUrl];
  const each = raws.map((raw) => urlKey(raw));
  // As urlKeys: distinct keys, in order, skipping what is not an http(s) URL.
  const keys: string[] = [];
  for (const key of each) if (key !== null && !keys.includes(key)) keys.push(key);
  const state = record.storeState;
  // The URL articleFromRecord gives the article (an exported record's kept one replaces it).
  const url = state?.url ?? record.originalUrl ?? record.webUrl ?? '';
  const openKey = state === undefined && url === record.originalUrl ? (each[0] ?? null) : state === undefined && url === record.webUrl ? (each[1] ?? null) : urlKey(url);
  return { keys: state === undefined ? keys : union(state.urlKeys, keys), openKey };
}

/** A stored article built from a record alone (no id yet decided: pass it in; and its URL keys,
 * when the caller has them already: parsing URLs is a good part of a write's cost). */
export function articleFromRecord(record: NewsRecord, id: string, origin: ArticleOrigin, now: number, urls: string[] = recordUrlKeys(record), worked?: EntryWork): StoredArticle {
  const url = record.originalUrl ?? record.webUrl ?? '';
  const record_: RecordExtras = {};
  for (const field of ['webUrl', 'originalUrl', 'ampWebUrl', 'cdnAmpWebUrl', 'category', 'type', 'secured'] as const) {
    if (record[field] !== undefined) record_[field] = record[field];
  }
  if (record.tags.length > 0) record_.tags = record.tags;
  const article: StoredArticle = {
    sourceHashes: [worked?.sourceHash ?? recordHash(record, origin)],
    id,
    url,
    urls,
    title: record.title,
    excerpt: record.excerpt,
    domain: worked?.domain ?? (record.provider?.domain || displayDomain(url) || ''),
    topics: record.topics,
    images: record.images,
    origin,
    record: record_,
    ...(worked?.fields ?? indexFields(record.title, record.excerpt, record.lang)),
    addedAt: now,
    updatedAt: now,
  };
  if (record.publishedAt !== undefined) article.publishedAt = record.publishedAt;
  if (record.provider !== undefined) article.provider = record.provider;
  if (record.quality !== undefined) article.quality = record.quality;
  if (record.heat !== undefined) article.heat = record.heat;
  if (record.storeState !== undefined) applyStoreState(article, record.storeState);
  return article;
}

/** One entry (a record, or an entry of its `related` list) worked out ahead of its write: its URL
 * keys and the article it makes alone, under a provisional id (the write decides the id). */
export interface PreparedEntry {
  keys: string[];
  /** Absent when the entry has no URL (it is not stored). */
  article: StoredArticle | undefined;
  /** The URL key of the URL the article opens (null: none; see urlKeysAndOpenKey). */
  openKey: string | null;
}

/** The costly part of making an entry's article (description hash, outlet, index fields): what a
 * preparation worker works out and sends back instead of whole articles, which the writer then
 * assembles from the records it has (assembleEntry): a fraction of the bytes to copy across. */
export interface EntryWork {
  /** The provisional id (articleIdFor the first URL key). */
  id: string;
  sourceHash: string;
  domain: string;
  fields: IndexFields;
}

/** An entry's URL keys and, when it has any (it is stored), the costly part of its article. */
export interface EntryFacts {
  keys: string[];
  openKey: string | null;
  work: EntryWork | undefined;
}

/** A record's entries' facts: its own, and its related entries' in order. */
export interface RecordFacts {
  own: EntryFacts;
  related: EntryFacts[];
}

/** A record and its related entries, prepared. */
export interface PreparedRecord {
  record: NewsRecord;
  own: PreparedEntry;
  related: PreparedEntry[];
}

/**
 * The pure part of a record's write (URL keys, index terms, description hash): no reads, so it can
 * be done before the write's transaction (or while the previous one runs), which then only merges.
 */
export function prepareRecord(record: NewsRecord, origin: ArticleOrigin, now: number): PreparedRecord {
  return assembleRecord(record, origin, now, recordFacts(record, origin));
}

/** The costly, pure part of prepareRecord (URL parsing, hashing, tokenizing), without the record's
 * own fields: what a preparation worker sends back. */
export function recordFacts(record: NewsRecord, origin: ArticleOrigin): RecordFacts {
  return { own: entryFacts(record, origin), related: record.related.map((entry) => entryFacts(entry, 'related')) };
}

/** prepareRecord from the record and its facts (recordFacts of the same record and origin). */
export function assembleRecord(record: NewsRecord, origin: ArticleOrigin, now: number, facts: RecordFacts): PreparedRecord {
  return { record, own: assembleEntry(record, origin, now, facts.own), related: record.related.map((entry, i) => assembleEntry(entry, 'related', now, facts.related[i]!)) };
}

function entryFacts(record: NewsRecord, origin: ArticleOrigin): EntryFacts {
  const { keys, openKey } = urlKeysAndOpenKey(record);
  if (keys.length === 0) return { keys, openKey, work: undefined };
  const url = record.originalUrl ?? record.webUrl ?? '';
  return { keys, openKey, work: { id: articleIdFor(keys[0]!), sourceHash: recordHash(record, origin), domain: record.provider?.domain || displayDomain(url) || '', fields: indexFields(record.title, record.excerpt, record.lang) } };
}

function assembleEntry(record: NewsRecord, origin: ArticleOrigin, now: number, facts: EntryFacts): PreparedEntry {
  const { keys, openKey, work } = facts;
  return { keys, openKey, article: work === undefined ? undefined : articleFromRecord(record, work.id, origin, now, keys, work) };
}

/** An exported record's kept state (see StoreState) replaces what a plain record would get. */
function applyStoreState(article: StoredArticle, state: StoreState): void {
  article.origin = state.origin;
  article.url = state.url;
  article.domain = state.domain;
  article.addedAt = state.addedAt;
  article.updatedAt = state.updatedAt;
  if (state.readAt !== undefined) article.readAt = state.readAt;
  if (state.sourceHashes.length > 0) article.sourceHashes = [...state.sourceHashes];
}

/** Identifies one description of an article: the same record imported again has the same hash. */
export function recordHash(record: NewsRecord, origin: ArticleOrigin): string {
  return origin[0] + hash53(stableJson(record)).toString(36);
}

/** A merged article keeps this many source hashes (enough for every version a user imports). */
const MAX_SOURCE_HASHES = 16;

/**
 * Merges a new description of an article into the stored one. A description seen before changes
 * nothing. A description from a richer origin (see ORIGIN_RANK) replaces the fields it has; a
 * poorer one only fills gaps. URL aliases and topics are united; the id and first-stored time
 * never change.
 */
export function mergeArticles(stored: StoredArticle, incoming: StoredArticle): StoredArticle {
  if (incoming.sourceHashes.length > 0 && incoming.sourceHashes.every((hash) => stored.sourceHashes.includes(hash))) {
    // Seen before: only a new reading time can change.
    return (incoming.readAt ?? 0) > (stored.readAt ?? 0) ? { ...stored, readAt: incoming.readAt! } : stored;
  }
  const incomingWins = incomingDescriptionWins(stored, incoming);
  const [primary, secondary] = incomingWins ? [incoming, stored] : [stored, incoming];
  const merged: StoredArticle = {
    id: stored.id,
    url: primary.url || secondary.url,
    urls: union(stored.urls, incoming.urls),
    title: primary.title || secondary.title,
    excerpt: primary.excerpt || secondary.excerpt,
    domain: primary.domain || secondary.domain,
    topics: union(primary.topics, secondary.topics).slice(0, 50),
    images: primary.images.length > 0 ? primary.images : secondary.images,
    origin: incomingWins ? incoming.origin : stored.origin,
    record: { ...secondary.record, ...primary.record },
    terms: [],
    titleTermCount: 0,
    anchors: [],
    sourceHashes: union(stored.sourceHashes, incoming.sourceHashes).slice(-MAX_SOURCE_HASHES),
    addedAt: Math.min(stored.addedAt, incoming.addedAt),
    updatedAt: stored.updatedAt,
  };
  const optional = ['publishedAt', 'provider', 'quality', 'heat', 'lang'] as const;
  for (const field of optional) {
    const value = primary[field] ?? secondary[field];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  const readAt = Math.max(stored.readAt ?? 0, incoming.readAt ?? 0);
  if (readAt > 0) merged.readAt = readAt;
  Object.assign(merged, indexFields(merged.title, merged.excerpt, primary.lang ?? secondary.lang));
  if (stored.docno !== undefined) merged.docno = stored.docno;
  if (!sameArticle(stored, merged)) merged.updatedAt = Math.max(incoming.updatedAt, stored.updatedAt);
  return merged;
}

/**
 * Which of two descriptions of one article leads: a richer origin; between equals, the one
 * published later (a corrected version), else the newer description.
 */
export function incomingDescriptionWins(stored: StoredArticle, incoming: StoredArticle): boolean {
  const rank = ORIGIN_RANK[incoming.origin] - ORIGIN_RANK[stored.origin];
  if (rank !== 0) return rank > 0;
  if (incoming.publishedAt !== undefined && stored.publishedAt !== undefined && incoming.publishedAt !== stored.publishedAt) {
    return incoming.publishedAt > stored.publishedAt;
  }
  return true;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a];
  for (const item of b) if (!out.includes(item)) out.push(item);
  return out;
}

/** Equal apart from bookkeeping times: what decides "updated" versus "unchanged". */
export function sameArticle(a: StoredArticle, b: StoredArticle): boolean {
  // A description seen before leaves the stored article itself (a re-import: every record).
  if (a === b) return true;
  // The index fields are the tokenizer's of title, excerpt and language (compared as they are):
  // a stored row has none since `drop-row-terms`, the article merged into it has them.
  const plain = { updatedAt: 0, addedAt: 0, terms: undefined, titleTermCount: undefined, anchors: undefined };
  return sameJson({ ...a, ...plain }, { ...b, ...plain });
}

/** Whether two values have the same stableJson text, found without writing either: a write
 * compares every merged article with what was stored (two serialisations of whole articles each
 * time were ~5 % of an import's writing thread). JSON's rules: object keys in any order, a key
 * whose value JSON leaves out (undefined, a function, a symbol) is absent, and in an array is
 * null, as are NaN and the infinities. Values JSON would treat in a way of their own (`toJSON`,
 * a bigint, nesting past 100) are serialised and compared as before. */
export function sameJson(a: unknown, b: unknown): boolean {
  return sameJsonAt(a, b, 0) ?? stableJson(a) === stableJson(b);
}

/** undefined: cannot tell without serialising. */
function sameJsonAt(a: unknown, b: unknown, depth: number): boolean | undefined {
  const x = jsonAtom(a);
  const y = jsonAtom(b);
  if (typeof x === 'bigint' || typeof y === 'bigint' || hasToJson(x) || hasToJson(y)) return undefined;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return x === y;
  if (depth > 100) return undefined;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const other = y as unknown[];
    if (x.length !== other.length) return false;
    for (let i = 0; i < x.length; i++) {
      const same = sameJsonAt(jsonAtom(x[i]) ?? null, jsonAtom(other[i]) ?? null, depth + 1);
      if (same !== true) return same;
    }
    return true;
  }
  const left = x as Record<string, unknown>;
  const right = y as Record<string, unknown>;
  let present = 0;
  for (const key of Object.keys(left)) {
    if (jsonAtom(left[key]) === undefined) continue;
    present++;
    if (!Object.prototype.propertyIsEnumerable.call(right, key)) return false;
    const same = sameJsonAt(left[key], right[key], depth + 1);
    if (same !== true) return same;
  }
  for (const key of Object.keys(right)) if (jsonAtom(right[key]) !== undefined) present--;
  return present === 0;
}

/** A value as JSON writes it, short of objects: undefined when left out, null for NaN and ±∞. */
function jsonAtom(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

function hasToJson(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** JSON with every object's keys sorted: the text description hashes are taken of. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
