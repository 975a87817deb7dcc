/**
 * Accessibility in real Chromium: axe-core over every state of the popup and over the options
 * page (with its confirmation dialog and its messages), in the light and the dark theme. A
 * serious or critical violation fails the test. Screenshots of each go to test-results/.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, badgeText, seriousAxeViolations, launchExtension, resultsPath, startFixtureServer, tabIdOf, waitFor, type ExtensionSession, type FixtureServer } from './harness';

const SCHEMES = ['light', 'dark'] as const;

let session: ExtensionSession;
let server: FixtureServer;

beforeAll(async () => {
  session = await launchExtension();
  server = await startFixtureServer();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** Checks the page in both themes and saves a screenshot of each. */
async function checkBothThemes(page: Page, name: string, fullPage = true): Promise<void> {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: resultsPath(`a11y-${name}-${scheme}.png`), fullPage });
    expect(await seriousAxeViolations(page), `${name} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The popup for a tab, in a tab of popup size; `stub` replaces the background's answer. */
async function popupFor(tabId: number, ready: string, stub?: 'hang' | 'fail'): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 420, height: 600 });
  if (stub === 'hang') await page.addInitScript(() => void (chrome.runtime.sendMessage = (() => new Promise(() => undefined)) as typeof chrome.runtime.sendMessage));
  if (stub === 'fail')
    await page.addInitScript(
      () =>
        void (chrome.runtime.sendMessage = (() => {
          throw new Error('Could not establish connection. Receiving end does not exist.');
        }) as typeof chrome.runtime.sendMessage),
    );
  await page.goto(session.extensionUrl(`popup.html?tabId=${tabId}`));
  await page.locator(ready).first().waitFor();
  return page;
}

async function openTab(path: string): Promise<number> {
  const page = await session.context.newPage();
  await page.goto(server.url(path));
  return tabIdOf(session, page);
}

describe('accessibility and screenshots of every surface, light and dark', () => {
  it('popup: loading, error and first run', async () => {
    const article = await openTab('/bike-lanes.html');
    const states: [string, number, string, ('hang' | 'fail')?][] = [
      ['popup-loading', article, '.status', 'hang'],
      ['popup-error', article, '.status.error', 'fail'],
      ['popup-first-run', article, '[data-testid=empty-first-run]'],
    ];
    for (const [name, tabId, ready, stub] of states) {
      const popup = await popupFor(tabId, ready, stub);
      if (stub === 'fail') expect(await popup.locator('.status.error').textContent()).toMatch(/Could not read your store/);
      await checkBothThemes(popup, name);
      await popup.close();
    }
  });

  it('popup: related coverage, an article with none, and a page that is not an article', async () => {
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    const recordsDir = join(FIXTURES_DIR, 'records');
    await options.locator('[data-testid=import-input]').setInputFiles(readdirSync(recordsDir).map((file) => join(recordsDir, file)));
    await options.locator('[data-testid=import-report]').waitFor();
    await options.close();
    const lanes = await openTab('/bike-lanes.html');
    await waitFor(() => badgeText(session, lanes), (text) => text !== '', 15_000, 'a badge');
    const related = await popupFor(lanes, '[data-testid=related-item]');
    expect(await related.locator('[data-testid=related-item]').count()).toBeGreaterThanOrEqual(3);
    await checkBothThemes(related, 'popup-related');
    await related.close();
    const lonely = await popupFor(await openTab('/unrelated-article.html'), '[data-testid=empty-no-related]');
    await checkBothThemes(lonely, 'popup-no-related');
    await lonely.close();
    const signIn = await popupFor(await openTab('/not-article.html'), '[data-testid=empty-not-article]');
    await checkBothThemes(signIn, 'popup-not-article');
    await signIn.close();
  });

  it('options page: every panel, its messages, and the delete confirmation', async () => {
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.locator('[data-testid=store-summary]').waitFor();
    await checkBothThemes(options, 'options');

    // Messages: an export report, a retention preview and a range error.
    const [download] = await Promise.all([options.waitForEvent('download'), options.locator('[data-testid=export-button]').click()]);
    await download.cancel().catch(() => undefined);
    await options.locator('#keep-days-n').fill('1');
    await waitFor(() => options.locator('[data-testid=retention-preview]').textContent(), (text) => /Applying deletes/.test(text ?? ''), 10_000, 'the preview');
    await checkBothThemes(options, 'options-messages');
    await options.locator('#keep-count-n').fill('7');
    await options.locator('#retention-error').waitFor();
    await checkBothThemes(options, 'options-invalid');

    await options.locator('[data-testid=delete-all]').click();
    await options.locator('[data-testid=delete-dialog]').waitFor();
    await checkBothThemes(options, 'options-delete-dialog', false);
    // Keyboard: Tab stays inside the modal dialog.
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await options.keyboard.press('Escape');

    // The check itself can fail: an unlabelled field is reported.
    await options.evaluate(() => document.querySelector('main')!.append(document.createElement('input')));
    expect((await seriousAxeViolations(options)).map((v) => `${v.id} (${v.impact})`)).toContain('label (critical)');
    await options.close();
  });
});
