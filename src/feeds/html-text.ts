/**
 * HTML from feeds (descriptions, content, titles marked as HTML) turned into plain text without a
 * DOM: the service worker has none, and text is all we keep. Nothing here ever becomes markup again.
 */
import { decodeEntities } from '../shared/entities';

/** Elements whose content is never text a reader sees. */
const HIDDEN_ELEMENTS = /<(script|style|noscript|template|iframe|object|svg|math|head)\b(?:[^"'>]|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;
const DECLARATION = /<[!?][^>]*>/g;
/** A start or end tag; quoted attribute values may contain ">". */
const TAG = /<\/?([A-Za-z][A-Za-z0-9:-]*)(?:[^"'>]|"[^"]*"|'[^']*')*>/g;
/** Tags that separate words when rendered (block elements, line breaks, cells, images). */
const BREAKING = /^(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|img|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)$/i;

/** Plain text of an HTML fragment: tags dropped, hidden elements removed, references decoded,
 * whitespace collapsed. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const text = html
    .replace(COMMENT, ' ')
    .replace(CDATA, (_m, inner: string) => inner.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
    .replace(HIDDEN_ELEMENTS, ' ')
    .replace(DECLARATION, ' ')
    .replace(TAG, (_m, name: string) => (BREAKING.test(name) ? ' ' : ''));
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** Whether a text looks like it carries markup or references (to decide if it needs htmlToText). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[A-Za-z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]+);/i.test(text);
}
