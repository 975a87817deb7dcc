/**
 * Stories out of a set of articles: articles of one story are joined when the engine's
 * same-story decision (../related/matcher.ts, over an in-memory index of the set) says so.
 * Pure: the digest builder feeds it the articles of the digest's window.
 */
import { MemoryIndex } from '../related/memory-index';
import type { MatchDoc } from '../related/matcher';

export interface StoryArticle {
  id: string;
  title: string;
  url: string;
  domain: string;
  providerName: string;
  /** The article as the matcher reads it (its forward entry in the store's index). */
  doc: MatchDoc;
  publishedAt: number;
  topics: readonly string[];
  quality?: number | undefined;
  heat?: number | undefined;
  image?: string | undefined;
}

/**
 * Groups articles into stories (each a list of article indexes, the story's central article
 * first; biggest stories first). Star clustering: the article with the most same-story
 * neighbours founds a story with those neighbours, then the next unassigned one, and so on. Every
 * member is the same story as the story's centre, so stories never chain into topics.
 */
export function groupStories(articles: readonly StoryArticle[]): number[][] {
  const n = articles.length;
  const index = new MemoryIndex();
  for (const a of articles) index.add(a.doc);
  const neighbours: Set<number>[] = articles.map(() => new Set());
  for (let i = 0; i < n; i++) {
    for (const match of index.related(index.docs[i]!, i)) {
      if (!match.sameStory) continue;
      neighbours[i]!.add(match.docno);
      neighbours[match.docno]!.add(i);
    }
  }
  const order = articles.map((_, i) => i).sort((a, b) => neighbours[b]!.size - neighbours[a]!.size || a - b);
  const assigned = new Array<boolean>(n).fill(false);
  const stories: number[][] = [];
  for (const centre of order) {
    if (assigned[centre]) continue;
    assigned[centre] = true;
    const story = [centre];
    for (const j of neighbours[centre]!) {
      if (assigned[j]) continue;
      assigned[j] = true;
      story.push(j);
    }
    stories.push(story);
  }
  return stories.sort((a, b) => b.length - a.length);
}
