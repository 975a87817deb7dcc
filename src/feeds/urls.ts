/** Links in feeds: relative references resolved against xml:base, the feed's link or its URL. */

/** Resolves a reference against a base. Only http(s) results unless `anyScheme` (for bases). */
export function resolveUrl(reference: string | undefined, base: string | undefined, options: { anyScheme?: boolean } = {}): string | undefined {
  if (reference === undefined) return undefined;
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.length > 4096) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    // A bad base must not lose an absolute reference.
    try {
      url = new URL(trimmed);
    } catch {
      return undefined;
    }
  }
  if (!options.anyScheme && url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') return undefined;
  return url.href;
}
