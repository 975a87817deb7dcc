/**
 * The address bar keyword "rc": typing "rc tesla loan" lists stored articles that mention the
 * words as you type; Enter on one opens it, Enter on the text opens the results page for it.
 * Suggestion descriptions are XML to Chrome (<match>, <dim>, <url>): everything from the store is
 * escaped, so a headline can never inject markup (or break the list). Firefox shows descriptions
 * as plain text (markup would appear literally): there they are the same words, unmarked.
 */
import { queryTerms, searchStore, type SearchHit } from '../related/search';
import { stopWordsOf } from '../index/stopwords';
import { terms } from '../index/terms';
import { resultsPath, type ResultsPath } from '../results/query';
import { safeHttpUrl } from '../shared';
import type { ArticleStore } from '../store';
import { relativeTime } from '../shared/format';

export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab';

/** How the browser reads descriptions (src/platform/browser.ts says which). */
export type OmniboxMarkup = 'xml' | 'plain';

export interface Suggestion {
  content: string;
  description: string;
}

/** Shown first, before any result ("%s" is the typed text, put in by Chrome). */
export const DEFAULT_SUGGESTION = 'Search your stored news for <match>%s</match>';
/** The same for a browser that shows descriptions as plain text (and does not fill in %s). */
export const DEFAULT_SUGGESTION_PLAIN = 'Search your stored news: type words, pick an article or press Enter for all results';

export function defaultSuggestion(markup: OmniboxMarkup): string {
  return markup === 'xml' ? DEFAULT_SUGGESTION : DEFAULT_SUGGESTION_PLAIN;
}
/** How many articles are suggested. */
export const SUGGESTIONS = 6;
const TITLE_MAX = 120;

// XML 1.0 allows no other control characters, no lone surrogates, no U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

/** Text without the control characters an address bar cannot show. */
function plainText(text: string): string {
  return text.replace(NOT_XML, '').replace(/\s+/g, ' ');
}

function shortTitle(title: string): string {
  return title.length <= TITLE_MAX ? title : title.slice(0, TITLE_MAX - 1).trimEnd() + '…';
}

/** Scripts written without spaces between words: a letter run there is a phrase, not a word. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HAN_CHAR = /^\p{Script=Han}$/u;
let segmenter: Intl.Segmenter | undefined;

/**
 * A letter run of an unspaced script cut into its words, as the index cuts it (src/index/tokenize.ts):
 * Intl.Segmenter's words, with runs of one-character Han words (not stop words) kept together (a transliterated
 * name, "安|瓦|尔"). Any other run is one word.
 */
function wordsOfRun(run: string): string[] {
  if (!UNSPACED_SCRIPT.test(run)) return [run];
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  let single = '';
  for (const { segment } of segmenter.segment(run)) {
    if (HAN_CHAR.test(segment) && !stopWordsOf('zh').has(segment)) {
      single += segment;
      continue;
    }
    if (single !== '') out.push(single);
    single = '';
    out.push(segment);
  }
  if (single !== '') out.push(single);
  return out;
}

/** The title as XML with the words that match the query (by index term) in <match>. A run of
 * Chinese, Japanese or Thai is matched word by word: marking the whole run would mark a sentence. */
export function highlightTitle(title: string, queryTermSet: ReadonlySet<string>): string {
  return shortTitle(title)
    // Marks belong to their letters (Thai vowels, Devanagari signs, a decomposed "é").
    .split(/([\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’]\p{L}[\p{L}\p{M}]*)?)/u)
    .map((part, i) => {
      // Odd parts are letter runs (the split's captured group).
      if (i % 2 === 0) return escapeXml(part);
      return wordsOfRun(part)
        .map((word) => (terms(word).some((term) => queryTermSet.has(term)) ? `<match>${escapeXml(word)}</match>` : escapeXml(word)))
        .join('');
    })
    .join('');
}

export function suggestionFor(hit: SearchHit, queryTermSet: ReadonlySet<string>, now: number = Date.now(), markup: OmniboxMarkup = 'xml'): Suggestion {
  const { article } = hit;
  const when = article.publishedAt === undefined ? '' : `, ${relativeTime(article.publishedAt, now)}`;
  if (markup === 'plain') return { content: article.url, description: plainText(`${shortTitle(article.title)} — ${article.providerName}${when}`) };
  return {
    content: article.url,
    description: `${highlightTitle(article.title, queryTermSet)} <dim>— ${escapeXml(article.providerName)}${escapeXml(when)}</dim>`,
  };
}

export interface OmniboxDeps {
  store: ArticleStore;
  /** Opens an http(s) address or one of our pages' full URL, where the user asked. */
  open(url: string, disposition: Disposition): Promise<void>;
  /** Our page's full URL for a path (runtime.getURL). */
  pageUrl(path: ResultsPath): string;
  /** How descriptions are written (default: XML, as Chrome reads them). */
  markup?: OmniboxMarkup;
}

export class OmniboxSearch {
  /** Input changes come faster than searches end: only the latest one's answer is shown. */
  private latest = 0;
  /** Article addresses suggested recently: Enter on one of them opens the article. */
  private readonly suggested = new Set<string>();

  constructor(private readonly deps: OmniboxDeps) {}

  /** Suggestions for the text typed so far; null when a newer input superseded this one. */
  async suggest(text: string): Promise<Suggestion[] | null> {
    const call = ++this.latest;
    const query = new Set(queryTerms(text).map((q) => q.term));
    if (query.size === 0) return [];
    const result = await searchStore(this.deps.store, text, { limit: SUGGESTIONS });
    if (call !== this.latest) return null;
    const suggestions = result.hits.map((hit) => suggestionFor(hit, query, Date.now(), this.deps.markup ?? 'xml'));
    for (const suggestion of suggestions) this.suggested.add(suggestion.content);
    // Bounded: forget the oldest once it grows (a Set keeps insertion order).
    while (this.suggested.size > 200) this.suggested.delete(this.suggested.values().next().value!);
    return suggestions;
  }

  /** Enter: a suggested article opens; an address opens its coverage; other text is searched. */
  async enter(text: string, disposition: Disposition): Promise<string> {
    const trimmed = text.trim();
    const url = safeHttpUrl(trimmed);
    let target: string;
    if (url !== null && this.suggested.has(trimmed)) target = url;
    else if (url !== null) target = this.deps.pageUrl(resultsPath({ kind: 'link', url, text: '' }));
    else target = this.deps.pageUrl(resultsPath(trimmed === '' ? { kind: 'none' } : { kind: 'text', text: trimmed }));
    await this.deps.open(target, disposition);
    return target;
  }
}
