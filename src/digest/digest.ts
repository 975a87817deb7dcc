/**
 * The new-tab digest: the latest week of the store as stories (see stories.ts), today's first,
 * the rest grouped by topic; the stories the user read that have new coverage since; and what the
 * store holds. Built in the background whenever the store changes and kept with the store, so a
 * new tab shows it at once.
 */
import { normaliseTitle } from '../index/show-keys';
import { matchDocOf } from '../related/engine';
import { findRelated } from '../related/find-related';
import type { MatchDoc } from '../related/matcher';
import type { RelatedItem } from '../related/types';
import type { ArticleStore, StoredArticle } from '../store';
import { toArticleView, type ArticleView } from '../store/view';
import { groupStories, type StoryArticle } from './stories';

export interface DigestOutlet {
  name: string;
  domain: string;
  url: string;
}

export interface DigestStory {
  /** Id of the story's best article. */
  id: string;
  best: ArticleView;
  topic: string;
  articleCount: number;
  outlets: DigestOutlet[];
  /** Publication times of the story's articles (epoch ms), oldest first. */
  times: number[];
  score: number;
}

export interface TopicGroup {
  topic: string;
  stories: DigestStory[];
}

export interface ReadUpdate {
  article: ArticleView;
  readAt: number;
  /** Coverage of its story published since it was read (newest first, a few). */
  newItems: RelatedItem[];
  newCount: number;
}

export interface Digest {
  version: 1;
  builtAt: number;
  /** The end of the digest's week: now, or the newest article when the store holds only older news. */
  anchor: number;
  windowStart: number;
  articles: number;
  lastFilledAt?: number;
  today: DigestStory[];
  week: TopicGroup[];
  readUpdates: ReadUpdate[];
}

const DAY = 86_400_000;
const WINDOW = 7 * DAY;
/** Articles of the week considered (newest first): enough for every story that matters. */
const MAX_ARTICLES = 3_000;
const TODAY_STORIES = 6;
const TOPICS = 5;
const STORIES_PER_TOPIC = 4;
const READ_CHECKED = 20;
const READ_UPDATES = 5;

export async function buildDigest(store: ArticleStore, now: number = Date.now()): Promise<Digest> {
  const [articles, lastFilledAt, newest] = await Promise.all([store.countArticles(), store.lastFilledAt(), store.newestPublishedAt()]);
  const anchor = Math.min(now, newest ?? now);
  const windowStart = anchor - WINDOW;
  const digest: Digest = { version: 1, builtAt: now, anchor, windowStart, articles, today: [], week: [], readUpdates: [] };
  if (lastFilledAt !== undefined) digest.lastFilledAt = lastFilledAt;
  if (articles === 0) return digest;

  const indexed = await store.indexedArticlesPublishedBetween(windowStart, anchor, MAX_ARTICLES);
  const docs = new Map<string, MatchDoc>();
  for (const { article, doc } of indexed) if (doc !== undefined) docs.set(article.id, doc);
  const stories = storiesOf(
    indexed.map(({ article }) => article),
    anchor,
    docs,
  );
  const todays = stories.filter((story) => story.times.at(-1)! >= anchor - DAY);
  digest.today = todays.slice(0, TODAY_STORIES);
  const shown = new Set(digest.today.map((story) => story.id));
  digest.week = byTopic(stories.filter((story) => !shown.has(story.id)));
  digest.readUpdates = await readUpdates(store);
  return digest;
}

/** Stories of a set of articles, best first; one-article stories only when little else is there.
 * `docs`: the articles' documents as the index holds them, by id (the others': from their rows). */
export function storiesOf(rows: readonly StoredArticle[], anchor: number, docs: ReadonlyMap<string, MatchDoc> = new Map()): DigestStory[] {
  const items: StoryArticle[] = rows
    .filter((row) => row.publishedAt !== undefined)
    .map((row) => ({
      id: row.id,
      title: row.title,
      url: row.url,
      domain: row.domain,
      providerName: row.provider?.name || row.domain,
      doc: docs.get(row.id) ?? matchDocOf(row),
      publishedAt: row.publishedAt!,
      topics: row.topics,
      quality: row.quality,
      heat: row.heat,
    }));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const groups = groupStories(items);
  const stories = groups.map((group) => toStory(group.map((i) => items[i]!), byId, anchor));
  const multi = stories.filter((story) => story.outlets.length > 1);
  const list = multi.length >= TODAY_STORIES ? multi : stories;
  return list.sort((a, b) => b.score - a.score);
}

function toStory(members: StoryArticle[], rows: Map<string, StoredArticle>, anchor: number): DigestStory {
  const best = members.reduce((a, b) => (articleMerit(b, anchor) > articleMerit(a, anchor) ? b : a));
  const outlets: DigestOutlet[] = [];
  for (const member of [best, ...members]) {
    if (member.domain !== '' && !outlets.some((o) => o.domain === member.domain)) outlets.push({ name: member.providerName, domain: member.domain, url: member.url });
  }
  const times = members.map((m) => m.publishedAt).sort((a, b) => a - b);
  const quality = members.reduce((sum, m) => sum + (m.quality ?? 50) + (m.heat ?? 50), 0) / members.length / 200;
  const freshness = Math.exp(-(anchor - times.at(-1)!) / (1.5 * DAY));
  return {
    id: best.id,
    best: toArticleView(rows.get(best.id)!),
    topic: storyTopic(members),
    articleCount: members.length,
    outlets,
    times,
    score: Math.log2(1 + outlets.length) * (0.5 + quality) * (0.25 + freshness),
  };
}

/** An article's claim to lead its story: quality and heat when the record has them, and freshness. */
function articleMerit(article: StoryArticle, anchor: number): number {
  return (article.quality ?? 50) + (article.heat ?? 50) + 60 * Math.exp(-(anchor - article.publishedAt) / DAY);
}

/** The topic most of the story's articles share (the more specific one on a tie). */
function storyTopic(members: StoryArticle[]): string {
  const counts = new Map<string, number>();
  for (const member of members) for (const topic of new Set(member.topics)) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [topic, count] of counts) {
    if (count > bestCount || (count === bestCount && topic.length > best.length)) {
      best = topic;
      bestCount = count;
    }
  }
  return best === '' ? 'Other stories' : best;
}

/** Stories grouped by topic, the topics with the most weight first. */
export function byTopic(stories: DigestStory[]): TopicGroup[] {
  const groups = new Map<string, DigestStory[]>();
  for (const story of stories) groups.set(story.topic, [...(groups.get(story.topic) ?? []), story]);
  return [...groups]
    .map(([topic, list]) => ({ topic, stories: list.slice(0, STORIES_PER_TOPIC), weight: list.reduce((sum, s) => sum + s.score, 0) }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, TOPICS)
    .map(({ topic, stories: list }) => ({ topic, stories: list }));
}

async function readUpdates(store: ArticleStore): Promise<ReadUpdate[]> {
  const updates: ReadUpdate[] = [];
  // A story read twice (two outlets' copies of it) is listed once: a read article that a listed
  // one's coverage shows (or collapses into an item as a copy), or with a listed headline, is not
  // listed again.
  const listedUrls = new Set<string>();
  const listedTitles = new Set<string>();
  for (const article of await store.recentlyRead(READ_CHECKED)) {
    if (listedUrls.has(article.url) || listedTitles.has(normaliseTitle(article.title))) continue;
    const readAt = article.readAt!;
    const related = await findRelated(store, { urls: [article.url], title: article.title, excerpt: article.excerpt });
    // New since: published after it was read, or new to the store since then.
    const fresh = related.items.filter((item) => Math.max(item.article.publishedAt ?? 0, item.article.addedAt) > readAt);
    if (fresh.length === 0) continue;
    fresh.sort((a, b) => (b.article.publishedAt ?? 0) - (a.article.publishedAt ?? 0));
    updates.push({ article: toArticleView(article), readAt, newItems: fresh.slice(0, 3), newCount: fresh.length });
    listedTitles.add(normaliseTitle(article.title));
    for (const item of related.items) {
      listedUrls.add(item.article.url);
      listedTitles.add(normaliseTitle(item.article.title));
      for (const copy of item.alsoIn) listedUrls.add(copy.url);
    }
    if (updates.length >= READ_UPDATES) break;
  }
  return updates;
}
