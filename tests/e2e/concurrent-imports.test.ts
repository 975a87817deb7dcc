/**
 * Two imports at once, from two options tabs, in real Chromium: the store ends the same as after
 * the two imports one after the other (apart from the times of storing), and consistent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { legacyRecords, readSnapshot, type Snapshot } from '../fixtures/legacy-stores';
import { launchExtension, waitFor, type ExtensionSession } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'rots-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, from: number, to: number): string {
  const path = join(dir, name);
  const records = legacyRecords(to).slice(from);
  writeFileSync(path, JSON.stringify(records.map((r) => ({ title: r.title, excerpt: r.excerpt, webUrl: r.webUrl, publishedDateTime: r.publishedAt === undefined ? undefined : new Date(r.publishedAt).toISOString(), provider: r.provider, topics: r.topics }))));
  return path;
}

async function startImport(options: Page, path: string): Promise<void> {
  await options.locator('[data-testid=import-input]').setInputFiles([path]);
}

async function importDone(options: Page): Promise<string> {
  await options.waitForFunction(() => document.querySelector('.import-progress') === null && document.querySelector('[data-testid=import-report]') !== null, undefined, { timeout: 60_000 });
  return options.getByTestId('import-report').innerText();
}

async function contents(session: ExtensionSession, page: Page) {
  const snapshot = (await page.evaluate(async (source) => (new Function(`return (${source})`)() as typeof readSnapshot)(indexedDB, 'rest-of-the-story'), readSnapshot.toString())) as Snapshot;
  // A docno is the index's own number for an article, handed out in the order batches commit:
  // two imports at once interleave their batches as the machine schedules them, so the numbers
  // differ while the store is the same. The check below (`checkClean`) holds the index to the
  // articles, whatever their numbers.
  const articles = (snapshot.tables.articles as Record<string, unknown>[]).map(({ addedAt: _a, updatedAt: _u, docno: _d, ...rest }) => rest);
  const count = (snapshot.tables.meta as { key: string; value: unknown }[]).find((row) => row.key === 'articleCount')?.value;
  void session;
  return { articles, links: snapshot.tables.links, count };
}

async function checkClean(options: Page): Promise<void> {
  await options.getByTestId('check-store').click();
  await waitFor(() => options.getByTestId('check-report').innerText().catch(() => ''), (text) => text.includes('nothing was wrong'), 30_000, 'the check');
}

describe('imports at the same time', () => {
  it('two options tabs importing at once give the same store as one import after the other', async () => {
    const a = file('a.json', 0, 600);
    const b = file('b.json', 300, 900);

    const sequential = await launchExtension();
    let expected;
    try {
      const options = await sequential.context.newPage();
      await options.goto(sequential.extensionUrl('options.html'));
      await startImport(options, a);
      await importDone(options);
      await startImport(options, b);
      await importDone(options);
      expected = await contents(sequential, options);
    } finally {
      await sequential.close();
    }

    const together = await launchExtension();
    try {
      const [one, two] = await Promise.all([together.context.newPage(), together.context.newPage()]);
      await Promise.all([one.goto(together.extensionUrl('options.html')), two.goto(together.extensionUrl('options.html'))]);
      await Promise.all([startImport(one, a), startImport(two, b)]);
      const reports = await Promise.all([importDone(one), importDone(two)]);
      expect(reports.join(' ')).not.toMatch(/[1-9]\d* failed/);
      const got = await contents(together, one);
      expect(got.count).toBe(900);
      expect(got).toEqual(expected);
      await checkClean(one);
    } finally {
      await together.close();
    }
  });
});
