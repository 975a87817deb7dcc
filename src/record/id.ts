/**
 * Article ids: a fixed-width hash of the article's identifying URL key. Below the store and the
 * index, since both the store (which gives ids) and the same-story engine (which reads where an id
 * falls in the id space) depend on the format.
 */

/**
 * A 64-bit string hash as two unsigned 32-bit halves (cyrb53's mixing, all 64 bits kept): the show
 * decision's URL and headline keys, where 32 bits would collide once in ~10⁶ lookups.
 */
export function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** 53-bit string hash (cyrb53: 21 bits of the high half, the low half): stable ids without crypto,
 * negligible collisions at 10^6. */
export function hash53(text: string): number {
  const [low, high] = hash64(text);
  return 4294967296 * (2097151 & high) + low;
}

/** Ids are "a" + 11 base-36 digits of a hash: fixed width, so their order is the hash's order,
 * which makes any run of ids in the index a uniform sample (see src/related/postings.ts). */
export function articleIdFor(urlKey: string): string {
  return 'a' + hash53(urlKey).toString(36).padStart(ID_DIGITS, '0');
}

export const ID_DIGITS = 11;

/** Where an id falls in the id space, 0 (first) to 1 (last). */
export function idPosition(id: string): number {
  return parseInt(id.slice(1, 1 + ID_DIGITS), 36) / 2 ** 53;
}
