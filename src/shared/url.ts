/**
 * URL handling for untrusted input: which URLs we accept, and the key under which an article's
 * URLs are matched. The key is not a fetchable URL: it drops everything that varies between
 * copies of one article (scheme, `www.`, AMP wrappers, tracking parameters, fragments).
 */

import { isTrackingParam } from './tracking-params';

/** Returns the URL as a string if it is an absolute http(s) URL, else null. Never throws. */
export function safeHttpUrl(raw: unknown, base?: string): string | null {
  return parseHttpUrl(raw, base)?.href ?? null;
}

/** safeHttpUrl's URL parsed: for callers that go on to read its parts (parsing is a good part of
 * an import's cost, so it is done once). */
function parseHttpUrl(raw: unknown, base?: string): URL | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > 4096) return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '') return null;
  return url;
}

/** Parameters that mean AMP only with this value (`?outputType=amp`); other values select content. */
const AMP_VALUED_PARAMS = /* @__PURE__ */ new Set(['outputtype', 'output', 'format']);

const AMP_CACHE_HOST = /\.cdn\.ampproject\.org$/;
const HOST_PREFIXES = /^(?:www\d?|m|mobile|amp)\./;

/**
 * The matching key of an http(s) URL, or null if the input is not one. Two URLs of the same
 * article get the same key: `https://www.x.com/a/?utm_source=t#top` and `http://x.com/a` →
 * `x.com/a`; AMP variants (`/amp`, `.amp.html`, `?amp=1`, the AMP cache) map to the article.
 */
export function urlKey(raw: unknown, base?: string): string | null {
  let url = parseHttpUrl(raw, base);
  if (url === null) return null;

  // AMP cache: https://host-com.cdn.ampproject.org/c/s/host.com/path → https://host.com/path
  // Google AMP viewer: https://www.google.com/amp/s/host.com/path → same.
  const unwrapped = unwrapAmpViewer(url);
  if (unwrapped !== null) url = unwrapped;

  const host = url.hostname.toLowerCase().replace(/\.$/, '').replace(HOST_PREFIXES, '');

  let path = url.pathname;
  // AMP path variants: a whole `amp` segment, or `.amp` before the extension.
  path = path
    .split('/')
    .filter((segment) => segment.toLowerCase() !== 'amp')
    .join('/')
    .replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '');
  if (path === '/' || path === '') path = '';

  if (url.search === '') return host + path;
  const kept: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    if (isTrackingParam(name)) continue;
    if (AMP_VALUED_PARAMS.has(name.toLowerCase()) && value.toLowerCase() === 'amp') continue;
    kept.push([name, value]);
  }
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const query = kept.length === 0 ? '' : '?' + new URLSearchParams(kept).toString();

  return host + path + query;
}

function unwrapAmpViewer(url: URL): URL | null {
  let rest: string | null = null;
  if (AMP_CACHE_HOST.test(url.hostname)) {
    // /c/s/host/path (https), /c/host/path (http); also /v/ (viewer) and /i/ (images).
    const m = /^\/[cvi]\/(s\/)?(.+)$/.exec(url.pathname);
    if (m?.[2] !== undefined) rest = (m[1] !== undefined ? 'https://' : 'http://') + m[2];
  } else if (/^(?:www\.)?google\.[a-z.]+$/.test(url.hostname) && url.pathname.startsWith('/amp/')) {
    const m = /^\/amp\/(s\/)?(.+)$/.exec(url.pathname);
    if (m?.[2] !== undefined) rest = (m[1] !== undefined ? 'https://' : 'http://') + m[2];
  }
  if (rest === null) return null;
  try {
    const inner = new URL(rest + url.search);
    return inner.hostname.includes('.') ? inner : null;
  } catch {
    return null;
  }
}

/** Registrable-ish domain for display and grouping: host without `www.`-like prefixes. */
export function displayDomain(raw: unknown): string | null {
  return parseHttpUrl(raw)?.hostname.toLowerCase().replace(HOST_PREFIXES, '') ?? null;
}

/** All distinct keys of the given URLs, in order, skipping what is not an http(s) URL. */
export function urlKeys(raws: readonly unknown[]): string[] {
  const keys: string[] = [];
  for (const raw of raws) {
    const key = urlKey(raw);
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
