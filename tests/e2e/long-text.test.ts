/**
 * Untrusted text that will not fit, in real Chromium: a headline, an outlet name and a summary
 * made of one very long word each (a pasted address, a German compound, an unspaced title) must
 * wrap inside the popup, the results page, the new-tab digest and the options page's messages
 * (which repeat what was typed), never widen the page past its viewport; the results heading
 * repeats the typed words as typed. Screenshots go to test-results/.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, badgeText, launchExtension, resultsPath, startFixtureServer, tabIdOf, waitFor, type ExtensionSession, type FixtureServer } from './harness';

const LONG_WORD = 'Verkehrsinfrastrukturfinanzierungsgesellschaftsausschussvorsitzende'.repeat(3);
/** Same story as tests/fixtures/pages/bike-lanes.html, so the popup lists it. */
const SAME_STORY = {
  title: `Riverton council approves protected bike lanes on Main Street ${LONG_WORD}`,
  excerpt: `Riverton's council voted 7-2 for protected bike lanes on Main Street, removing 140 parking spaces. ${LONG_WORD}`,
  publishedDateTime: '2024-05-14T20:00:00Z',
  webUrl: `https://long-words.example/${'x'.repeat(200)}`,
  provider: { name: `Chronicle${LONG_WORD}`, domain: 'long-words.example' },
};
/** The newest article in the store, alone on its day: the digest's first card. */
const NEWEST = {
  title: `${LONG_WORD} wins the regional spelling contest`,
  excerpt: `The word ${LONG_WORD} was spelled correctly for the first time.`,
  publishedDateTime: '2024-05-20T09:00:00Z',
  webUrl: 'https://long-words.example/spelling-contest',
  provider: { name: 'Long Words Weekly', domain: 'long-words.example' },
};

let session: ExtensionSession;
let server: FixtureServer;
let dir: string;

beforeAll(async () => {
  session = await launchExtension();
  server = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'rots-long-'));
  const file = join(dir, 'long.ndjson');
  writeFileSync(file, [SAME_STORY, NEWEST].map((record) => JSON.stringify(record)).join('\n') + '\n');
  const recordsDir = join(FIXTURES_DIR, 'records');
  const options = await session.context.newPage();
  await options.goto(session.extensionUrl('options.html'));
  await options.locator('[data-testid=import-input]').setInputFiles([...readdirSync(recordsDir).map((name) => join(recordsDir, name)), file]);
  await options.locator('[data-testid=import-report]').waitFor();
  await options.close();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** How far the page, or any box of `text`, is wider than it can show (0: everything fits and
 * nothing is cut off), after screenshots in both themes. */
async function overflow(page: Page, name: string, text: string): Promise<number> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: resultsPath(`long-text-${name}-${scheme}.png`), fullPage: true });
  }
  return page.evaluate(
    (selector) => Math.max(...[document.documentElement, ...document.querySelectorAll(selector)].map((box) => box.scrollWidth - box.clientWidth)),
    text,
  );
}

describe('long words in stored articles', () => {
  it('wrap in the popup', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/bike-lanes.html'));
    const tabId = await tabIdOf(session, article);
    await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'a badge');
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(session.extensionUrl(`popup.html?tabId=${tabId}`));
    await popup.locator('[data-testid=related-item]', { hasText: 'Verkehrsinfrastruktur' }).waitFor();
    expect(await overflow(popup, 'popup', '.detected, .related-body, .related-body *')).toBe(0);
    await popup.close();
  });

  it('wrap on the results page', async () => {
    const results = await session.context.newPage();
    await results.setViewportSize({ width: 800, height: 900 });
    await results.goto(session.extensionUrl(`results.html?q=${encodeURIComponent(`riverton ${LONG_WORD}`)}`));
    await results.locator('.results-main', { hasText: 'Verkehrsinfrastruktur' }).first().waitFor();
    expect(await overflow(results, 'results', '.results-heading, .related-body, .related-body *')).toBe(0);
    // The heading repeats the words as typed, not in its own capitals.
    expect(await results.locator('.results-heading').innerText()).toContain(`riverton ${LONG_WORD}`);
    await results.close();
  });

  it('wrap in the new-tab digest', async () => {
    const digest = await session.context.newPage();
    await digest.setViewportSize({ width: 1000, height: 900 });
    await digest.goto('chrome://newtab/');
    await digest.locator('.digest[data-state=fresh]').waitFor({ timeout: 60_000 });
    await digest.locator('[data-testid=digest-story]', { hasText: 'spelling contest' }).waitFor({ timeout: 60_000 });
    expect(await overflow(digest, 'digest', '.story-main, .story-main *, .story-excerpt')).toBe(0);
    await digest.close();
  });

  it('wrap in the options page messages that repeat a long address', async () => {
    const options = await session.context.newPage();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.goto(session.extensionUrl('options.html'));
    await options.locator('[data-testid=never-check-input]').fill(`${'a'.repeat(300)}.example`);
    await options.locator('[data-testid=never-check-input]').press('Enter');
    await options.locator('[data-testid=never-check-message]').waitFor();
    await options.locator('[data-testid=feed-url-input]').fill(server.url(`/feeds/${LONG_WORD}${LONG_WORD}.xml`));
    await options.locator('[data-testid=feed-subscribe]').click();
    await options.locator('[data-testid=feed-notice]', { hasText: '404' }).waitFor();
    expect(await overflow(options, 'options', '[data-testid=never-check-message], [data-testid=feed-notice]')).toBe(0);
    await options.close();
  });
});
