/**
 * What the first-run fixture store must show for the Riverton bike-lanes article (its three other
 * outlets) and must not (the same town's unrelated stories): one list for the tests that build
 * that store in different ways.
 */
import { expect } from 'vitest';

export const BIKE_LANES_MATES = [
  'https://riverton-gazette.example/news/council-backs-main-street-bike-lanes',
  'https://metro-cycling.example/riverton-main-street-protected-lanes',
  'https://river-valley-news.example/riverton-bike-lanes-approved',
];
export const BIKE_LANES_NEIGHBOURS = ['https://riverton-gazette.example/life/main-street-bakery-award', 'https://riverton-daily.example/education/school-board-budget-delay'];

export function expectBikeLanesCoverage(urls: readonly string[]): void {
  expect(urls).toEqual(expect.arrayContaining(BIKE_LANES_MATES));
  for (const url of BIKE_LANES_NEIGHBOURS) expect(urls).not.toContain(url);
}
