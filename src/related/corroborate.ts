/**
 * Where dates are unknown, the coverage already shown vouches for more of the same story. Without
 * time, a story's headlines in a one-story crowd (a day's wire coverage, stored undated) look to
 * the model like a topic's neighbours in a long archive, and most of them stay under the bar
 * (uci-dev without dates: 92 % of the pairs under it are mates). What tells them apart is what
 * the store says about them among themselves: a story's other headlines are near copies of the
 * ones already shown; a topic neighbour is near its own story's coverage, which is not shown.
 * So an undated candidate among the query's closest is shown when at least CORROBORATING of the
 * shown ones are near copies of it (bench/RESULTS.md, session 27, "the shown coverage vouches").
 * Pure: the caller gives the pool, what is shown, the cosines and the last check.
 */

/** A pair of candidates this similar (cosine of the window's weights) are near copies. */
export const NEAR_COPY = 0.5;
/** Shown near copies needed: one shown item can be a topic neighbour, and its own near copies
 * would follow it; two agreeing are the story's. */
export const CORROBORATING = 2;

/**
 * The candidates of `pool` shown by corroboration, in the order found: each one `eligible`, near
 * copies of at least CORROBORATING shown pool members (those `shown` and those found before it),
 * and passing `accept` (asked only of those, once each). Since being shown only adds to what
 * vouches, the set found is the same in any order of the pool.
 */
export function corroborate<M>(pool: readonly M[], shown: ReadonlySet<M>, eligible: (m: M) => boolean, cosine: (a: M, b: M) => number, accept: (m: M) => boolean): M[] {
  const vouching = pool.filter((m) => shown.has(m));
  const added: M[] = [];
  const settled = new Set<M>(vouching);
  let grew = vouching.length >= CORROBORATING;
  while (grew) {
    grew = false;
    for (const m of pool) {
      if (settled.has(m) || !eligible(m)) continue;
      let near = 0;
      for (const v of vouching) if (cosine(m, v) >= NEAR_COPY && ++near >= CORROBORATING) break;
      if (near < CORROBORATING) continue;
      // Decided for good: accept is the candidate's own check, whatever else is shown.
      settled.add(m);
      if (!accept(m)) continue;
      added.push(m);
      vouching.push(m);
      grew = true;
    }
  }
  return added;
}
