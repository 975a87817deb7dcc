/**
 * What a page's body looks like, for the pages whose markup says nothing about being an article:
 * is it mostly a form, a list of headlines, or one block of running text? Each reading walks only
 * the elements it needs, and the cheapest run first, so most non-articles are dismissed quickly.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';

/** Forms that sit on article pages too: comments, search boxes, newsletter sign-ups. */
const INCIDENTAL_FORM = /comment|reply|respond|disqus|search|suche|recherche|newsletter|subscribe/i;

/** Fields a person types into (not buttons, not hidden). */
const TYPED_FIELDS =
  'input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=password], input[type=number], input[type=date], textarea, select';

export interface FormReading {
  passwordFields: number;
  /** Typed fields in forms that are not comment, search or newsletter forms. */
  fields: number;
  /** A free-text field in such a form: a contact or message form. */
  textArea: boolean;
}

export function readForms(doc: Document): FormReading {
  const reading: FormReading = { passwordFields: doc.querySelectorAll('input[type=password]').length, fields: 0, textArea: false };
  for (const form of Array.from(doc.querySelectorAll('form')).slice(0, 50)) {
    const label = `${form.id} ${form.className} ${form.getAttribute('action') ?? ''} ${form.getAttribute('name') ?? ''} ${form.getAttribute('role') ?? ''}`;
    if (INCIDENTAL_FORM.test(label)) continue;
    const fields = form.querySelectorAll(TYPED_FIELDS);
    if (fields.length === 1) continue; // one box: a search or e-mail field
    reading.fields += fields.length;
    if (form.querySelector('textarea') !== null) reading.textArea = true;
  }
  return reading;
}

export interface TextReading {
  /** Characters of running text credited to the container that holds the most of it (a
   * paragraph counts fully for its parent and half for its grandparent, as in Readability). */
  mainChars: number;
  /** Paragraphs credited to that container the same way. */
  mainParagraphs: number;
  /** Characters of running text in the whole page. */
  totalChars: number;
}

/** Paragraphs shorter than this are captions, teasers, bylines or buttons. */
const MIN_PARAGRAPH = 80;
/** Containers that never hold the article's text. */
const OUTSIDE_TEXT = 'li, nav, footer, aside, form, header, figcaption, blockquote, [role=navigation], [role=contentinfo], [role=complementary]';
const MAX_BLOCKS = 1500;

/**
 * Where the page's running text is. An article keeps its paragraphs together in one container;
 * a front page spreads short teasers over many. Text blocks are `<p>`/`<pre>`, and, where a page
 * has too few of those, `<div>`s that hold text directly (text written with `<br>`s, or plain
 * divs as some CMSs write paragraphs).
 */
export function readText(doc: Document): TextReading {
  const scores = new Map<Element, { chars: number; paragraphs: number }>();
  const reading: TextReading = { mainChars: 0, mainParagraphs: 0, totalChars: 0 };
  const credit = (block: Element, length: number, paragraphs = 1): void => {
    reading.totalChars += length;
    const parent = block.parentElement;
    if (parent === null) return;
    add(scores, parent, length, paragraphs);
    const grandparent = parent.parentElement;
    if (grandparent !== null) add(scores, grandparent, length / 2, paragraphs / 2);
  };
  const paragraphs = doc.querySelectorAll('p, pre');
  for (let i = 0; i < paragraphs.length && i < MAX_BLOCKS; i++) {
    const p = paragraphs[i]!;
    const length = runningTextLength(p, (p.textContent ?? '').trim().length);
    if (length > 0) credit(p, length);
  }
  if (reading.totalChars < 1000) {
    const divs = doc.querySelectorAll('div, td');
    for (let i = 0; i < divs.length && i < MAX_BLOCKS * 2; i++) {
      const div = divs[i]!;
      const own = ownText(div);
      if (own.length < MIN_PARAGRAPH) continue;
      const length = runningTextLength(div, own.length);
      // Text separated by <br>s: each run of text is a paragraph.
      if (length > 0) credit(div, length, own.runs);
    }
  }
  for (const entry of scores.values()) {
    if (entry.chars > reading.mainChars) {
      reading.mainChars = Math.round(entry.chars);
      reading.mainParagraphs = entry.paragraphs;
    }
  }
  return reading;
}

/** `length` if the block is running text: long enough, not in navigation or a form, not mostly a link. */
function runningTextLength(block: Element, length: number): number {
  if (length < MIN_PARAGRAPH || block.closest(OUTSIDE_TEXT) !== null) return 0;
  let linked = 0;
  // A live collection: no selector to match, and nothing to build for the many paragraphs without links.
  const links = block.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) linked += (links[i]!.textContent ?? '').length;
  return linked > length * 0.5 ? 0 : length;
}

function add(scores: Map<Element, { chars: number; paragraphs: number }>, element: Element, chars: number, paragraphs: number): void {
  const entry = scores.get(element);
  if (entry === undefined) scores.set(element, { chars, paragraphs });
  else {
    entry.chars += chars;
    entry.paragraphs += paragraphs;
  }
}

/** Text directly inside an element (not in its child elements): its length, and how many runs
 * of at least a sentence's length it comes in. */
function ownText(element: Element): { length: number; runs: number } {
  let length = 0;
  let runs = 0;
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType !== 3) continue;
    const text = (node.textContent ?? '').trim().length;
    length += text;
    if (text >= 40) runs++;
  }
  return { length, runs: Math.max(1, runs) };
}

/** Links in headings: a front page or section front is a list of linked headlines. */
export function countHeadlineLinks(doc: Document): number {
  return doc.querySelectorAll('h2 a[href], h3 a[href], h4 a[href]').length;
}

export { isProbablyReaderable };
