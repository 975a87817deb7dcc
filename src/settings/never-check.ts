/**
 * Sites the user asked never to check ("Never check this site"). A listed site covers its
 * subdomains: "example.com" also covers "news.example.com". No imports: the content script runs
 * this on every article page, so it stays a few hundred bytes.
 */

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The site a page belongs to, as it is listed: its host, lower-case, without "www.".
 * Null for anything that is not an http(s) page with a plain host name. */
export function siteOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  return isSiteName(host) ? host : null;
}

/** A plain host name (letters, digits, hyphens, dots), as the list keeps them. */
export function isSiteName(host: string): boolean {
  return HOST.test(host);
}

/** Whether `host` is a listed site or one of its subdomains. */
export function isNeverChecked(host: string, sites: readonly unknown[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  for (const site of sites) {
    if (typeof site !== 'string' || site === '') continue;
    if (name === site || name.endsWith('.' + site)) return true;
  }
  return false;
}

/** The list with `site` added (once, in order of adding). */
export function withSite(sites: readonly string[], site: string): string[] {
  return sites.includes(site) ? [...sites] : [...sites, site];
}

export function withoutSite(sites: readonly string[], site: string): string[] {
  return sites.filter((listed) => listed !== site);
}
