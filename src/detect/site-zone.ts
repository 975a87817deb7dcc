/**
 * Which side of UTC a site keeps its clocks on, from the region of its language tag ("en-AU",
 * "pt-BR") or else its address's country domain (".com.au", ".de"). Only the side is needed:
 * when a page states its publication time twice, both marked UTC and a whole number of hours
 * apart, one of them is the local time with a "Z" written after it, and that one is the later
 * of the two east of UTC and the earlier west of it (src/detect/published.ts).
 */

/** Countries on the Americas' side of UTC. `.co` (Colombia) is left out: sites everywhere use it. */
const WEST = new Set('us ca mx br ar cl pe ve ec bo uy py cu gt do pr cr pa jm hn ni sv'.split(' '));
/** Countries at or east of UTC whose domains are used by their own sites (generic-use domains
 * such as `.io`, `.tv`, `.me`, `.fm` are left out). */
const EAST = new Set(
  ('au nz jp kr cn tw hk sg my id th vn ph in pk bd lk np ru ua by kz tr il ae sa qa kw ir eg za ke ng gh ma tn ' +
    'de at ch li fr it es nl be lu dk se no fi pl cz sk hu ro bg gr hr si rs ba pt ie uk gb ee lv lt is')
    .split(' '),
);

export type ZoneSide = 'east' | 'west' | 'unknown';

export function siteZoneSide(host: string, lang: string | undefined): ZoneSide {
  const region = /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(lang ?? '')?.[1]?.toLowerCase();
  const country = region ?? /\.([a-z]{2})\.?$/i.exec(host)?.[1]?.toLowerCase();
  if (country === undefined) return 'unknown';
  if (WEST.has(country)) return 'west';
  return EAST.has(country) ? 'east' : 'unknown';
}
