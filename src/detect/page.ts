/** What the content script learns about the page it runs in. Everything in it came from the page
 * and is untrusted: lengths are capped, URLs are http(s), text is plain text. */
export interface DetectedPage {
  /** The address the tab shows. */
  url: string;
  /** The article's own URL (canonical link, og:url, JSON-LD url), when the page declares one. */
  canonicalUrl?: string;
  /** Every URL that names this article (canonical first, then og:url, AMP, the tab's URL). */
  urls: string[];
  title: string;
  description: string;
  siteName?: string;
  /** The publisher's domain without `www.` (JSON-LD publisher URL, else the article's host). */
  siteDomain?: string;
  /** ISO 8601 UTC. */
  publishedTime?: string;
  modifiedTime?: string;
  lang?: string;
  topics: string[];
  image?: string;
  author?: string;
  /** Which signals made it an article (for explanations and evaluation). */
  signals: string[];
}

export const PAGE_LIMITS = {
  url: 2048,
  title: 400,
  description: 1000,
  siteName: 120,
  siteDomain: 253,
  author: 200,
  topic: 80,
  topics: 20,
  urls: 8,
  signals: 12,
} as const;
