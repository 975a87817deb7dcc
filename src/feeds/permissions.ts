/** Host permission patterns for feed origins (optional host permissions, asked per origin). */

/** The match pattern covering a URL's origin, e.g. "https://example.com/*" (any port). */
export function originPattern(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return undefined;
  }
}

/** Distinct origin patterns of the URLs, in order. */
export function originPatterns(urls: readonly string[]): string[] {
  const out: string[] = [];
  for (const url of urls) {
    const pattern = originPattern(url);
    if (pattern !== undefined && !out.includes(pattern)) out.push(pattern);
  }
  return out;
}
