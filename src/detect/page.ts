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
  /** Only from the content script to the background: what the page states, unparsed (see
   * PageEvidence). `finishPage` turns it into the fields above and drops it. */
  evidence?: PageEvidence;
}

/**
 * The raw statements the content script reads but does not interpret: parsing dates in many
 * languages and decoding every HTML entity takes code the content script would carry on every
 * page, so the background (and the eval, in Node) does it with the project's one date parser and
 * entity decoder (`src/detect/finish.ts`). All of it is untrusted page text, capped.
 */
export interface PageEvidence {
  /** Title statements, most trusted first: JSON-LD headline, microdata headline, Dublin Core,
   * Open Graph, `<title>`, Twitter, JSON-LD name, the first `<h1>`. May hold entities and tags. */
  titles: string[];
  /** The headings the page shows: its `<h1>`s and headline elements. */
  headings: string[];
  /** The page's name in the site's own navigation: the menu entry or breadcrumb item marked
   * `aria-current="page"`. */
  names: string[];
  /** Statements of the publication time, most explicit first (JSON-LD, meta, markup). */
  published: string[];
  /** Statements of the last modification time. */
  modified: string[];
  /** The text from the headline on (its byline, dateline, first lines), and just before it. */
  after: string;
  before: string;
  /** `<time datetime>` elements in `after`: where, the value, and their class or itemprop. */
  times: { at: number; datetime: string; mark: string }[];
  /** Short texts of date and byline elements further down, when the text around the headline
   * holds nothing like a date. */
  dateTexts: string[];
  /** The last resort: machine-readable dates anywhere on the page (`<time datetime>` values,
   * then, when nothing else states a date, publication dates in the page's script data such as
   * `"published_at": "…"`). */
  otherDates: string[];
}

export const EVIDENCE_LIMITS = {
  titles: 12,
  headings: 6,
  names: 3,
  heading: 400,
  statements: 16,
  statement: 120,
  after: 1500,
  before: 400,
  times: 12,
  mark: 80,
  dateTexts: 6,
  dateText: 200,
  otherDates: 8,
} as const;

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
