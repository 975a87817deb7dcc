/**
 * Untrusted XML to a small element tree with namespaces resolved and xml:base applied, using
 * fast-xml-parser (no DOM in a service worker). Not well-formed input is an error with its line
 * and column. Entities declared in a DOCTYPE are never expanded (no entity bombs); character
 * references and HTML's named entities are decoded once, CDATA is kept as written.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities } from '../shared/entities';
import { resolveUrl } from './urls';
import { errorMessage } from '../shared/errors';

export interface XmlText {
  kind: 'text';
  text: string;
}

export interface XmlElement {
  kind: 'element';
  /** Local name (without prefix). */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes by qualified name as written ("href", "xml:base", "rdf:about"), decoded. */
  attrs: ReadonlyMap<string, string>;
  children: (XmlElement | XmlText)[];
  /** The base URL set by xml:base on this element or an ancestor (resolved against the
   * document's URL), if any. */
  base: string | undefined;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column ?? 1})`);
    this.name = 'XmlSyntaxError';
  }
}

// Names get a "~" prefix inside the parser ("~" starts no XML name) so that element and attribute
// names such as "constructor" or "__proto__" can never collide with object properties.
const MARK = '~';
const TEXT = MARK + 'text';
const CDATA = MARK + 'cdata';
const ATTRIBUTES = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: TEXT,
  cdataPropName: CDATA,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: true,
  transformTagName: (name: string) => MARK + name,
  transformAttributeName: (name: string) => MARK + name,
});

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

type RawNode = Record<string, unknown>;

/** Parses a whole document; its root element, or an XmlSyntaxError saying what and where. */
export function parseXml(text: string, documentUrl?: string): XmlElement {
  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (verdict !== true) {
    const unclosed = unclosedTags(verdict.err.msg);
    if (unclosed !== null) throw new XmlSyntaxError(`not well-formed XML: the document ends before ${unclosed} ${unclosed.includes(',') ? 'are' : 'is'} closed (cut short?)`);
    throw new XmlSyntaxError(`not well-formed XML: ${verdict.err.msg}`, verdict.err.line, verdict.err.col);
  }
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (error) {
    throw new XmlSyntaxError(`not well-formed XML: ${errorMessage(error)}`);
  }
  const nodes = Array.isArray(raw) ? (raw as RawNode[]) : [];
  for (const node of nodes) {
    const element = toElement(node, new Map([['xml', XML_NAMESPACE]]), undefined, documentUrl, 0);
    if (element !== null) return element;
  }
  throw new XmlSyntaxError('no root element: the document is empty');
}

/** The validator reports elements left open at the end as "Invalid '["rss","channel"]' found." */
function unclosedTags(message: string): string | null {
  const m = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(message);
  if (m === null) return null;
  try {
    const names = JSON.parse(m[1]!) as unknown;
    if (!Array.isArray(names) || names.length === 0) return null;
    return names
      .map((name) => `<${unmark(String(name))}>`)
      .reverse()
      .join(', ');
  } catch {
    return null;
  }
}

function unmark(name: string): string {
  return name.replace(/^~+/, '');
}

function toElement(node: RawNode, scope: ReadonlyMap<string, string>, base: string | undefined, documentUrl: string | undefined, depth: number): XmlElement | null {
  const key = Object.keys(node).find((k) => k !== ATTRIBUTES && k !== TEXT && k !== CDATA);
  if (key === undefined) return null;
  const qname = unmark(key);
  const attrs = new Map<string, string>();
  const rawAttrs = node[ATTRIBUTES];
  if (rawAttrs !== null && typeof rawAttrs === 'object') {
    for (const [name, value] of Object.entries(rawAttrs as Record<string, unknown>)) {
      attrs.set(unmark(name), typeof value === 'string' ? decodeEntities(value) : '');
    }
  }
  let innerScope = scope;
  for (const [name, value] of attrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (innerScope === scope) innerScope = new Map(scope);
      (innerScope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice(6), value.trim());
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const xmlBase = attrs.get('xml:base');
  const innerBase = xmlBase === undefined ? base : (resolveUrl(xmlBase, base ?? documentUrl, { anyScheme: true }) ?? base);
  const element: XmlElement = {
    kind: 'element',
    name: colon === -1 ? qname : qname.slice(colon + 1),
    ns: innerScope.get(prefix) ?? '',
    attrs,
    children: [],
    base: innerBase,
  };
  const content = node[key];
  if (Array.isArray(content) && depth < 64) {
    for (const child of content as RawNode[]) {
      if (child === null || typeof child !== 'object') continue;
      if (TEXT in child) element.children.push({ kind: 'text', text: decodeEntities(String(child[TEXT] ?? '')) });
      else if (CDATA in child) element.children.push({ kind: 'text', text: cdataText(child[CDATA]) });
      else {
        const sub = toElement(child, innerScope, innerBase, documentUrl, depth + 1);
        if (sub !== null) element.children.push(sub);
      }
    }
  }
  return element;
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value.map((part: unknown) => (part !== null && typeof part === 'object' && TEXT in part ? String((part as RawNode)[TEXT] ?? '') : '')).join('');
}

/** Child elements with this local name in one of these namespaces. */
export function childrenNamed(element: XmlElement, namespaces: readonly string[], name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === name && namespaces.includes(c.ns));
}

export function firstChild(element: XmlElement, namespaces: readonly string[], name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name && namespaces.includes(c.ns));
}

/** All text inside an element (descendants included), as written. */
export function textContent(element: XmlElement): string {
  let out = '';
  for (const child of element.children) out += child.kind === 'text' ? child.text : textContent(child);
  return out;
}

/** Whether an element has element children (raw, unescaped markup inside, e.g. XHTML). */
export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((c) => c.kind === 'element');
}
