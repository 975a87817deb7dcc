/**
 * A short list of well-known news outlets' feeds the user may choose from. Opt-in: nothing here
 * is subscribed or fetched until the user asks. The user can edit the list (add, remove, restore
 * the defaults); it is kept in extension storage.
 */
import { browser } from 'wxt/browser';
import { cleanLine } from '../shared';
import { resolveUrl } from './urls';

export interface CatalogEntry {
  name: string;
  url: string;
}

export const DEFAULT_CATALOG: readonly CatalogEntry[] = [
  { name: 'BBC News — World', url: 'https://feeds.bbci.co.uk/news/world/rss.xml' },
  { name: 'The Guardian — World news', url: 'https://www.theguardian.com/world/rss' },
  { name: 'NPR News', url: 'https://feeds.npr.org/1001/rss.xml' },
  { name: 'Al Jazeera English', url: 'https://www.aljazeera.com/xml/rss/all.xml' },
  { name: 'The New York Times — World', url: 'https://rss.nytimes.com/services/xml/rss/nyt/World.xml' },
  { name: 'Deutsche Welle (English)', url: 'https://rss.dw.com/rdf/rss-en-all' },
  { name: 'France 24 (English)', url: 'https://www.france24.com/en/rss' },
  { name: 'CBC News — Top stories', url: 'https://www.cbc.ca/webfeed/rss/rss-topstories' },
  { name: 'Ars Technica', url: 'https://feeds.arstechnica.com/arstechnica/index' },
];

const KEY = 'feedCatalog';
const MAX_ENTRIES = 100;

/** A stored list, cleaned: entries with an http(s) URL and a name, each URL once. */
export function parseCatalog(value: unknown): CatalogEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: CatalogEntry[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object') continue;
    const raw = item as Record<string, unknown>;
    const url = resolveUrl(typeof raw.url === 'string' ? raw.url : undefined, undefined);
    const name = cleanLine(raw.name, 200);
    if (url === undefined || out.some((entry) => entry.url === url)) continue;
    out.push({ name: name || new URL(url).hostname, url });
    if (out.length >= MAX_ENTRIES) break;
  }
  return out;
}

export async function loadCatalog(): Promise<CatalogEntry[]> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return parseCatalog(stored) ?? [...DEFAULT_CATALOG];
}

export async function saveCatalog(entries: readonly CatalogEntry[]): Promise<CatalogEntry[]> {
  const clean = parseCatalog(entries) ?? [];
  await browser.storage.local.set({ [KEY]: clean });
  return clean;
}

export async function restoreDefaultCatalog(): Promise<CatalogEntry[]> {
  await browser.storage.local.remove(KEY);
  return [...DEFAULT_CATALOG];
}
