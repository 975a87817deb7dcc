/**
 * A full disk, for real: the profile lives on a small tmpfs that the test fills, then an import
 * runs. (CDP's Storage.overrideQuotaForOrigin is reported but not enforced by this Chromium, so
 * the disk itself must be full.) Needs permission to mount (CI runs as root); skipped otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { legacyRecords } from '../fixtures/legacy-stores';
import { WORKER_BATCH_SIZE } from '../../src/ingest/import-files';
import { launchExtension, resultsPath, waitFor } from './harness';

const root = mkdtempSync(join(tmpdir(), 'rots-full-'));
const mountPoint = join(root, 'disk');
mkdirSync(mountPoint);
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=120m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (error) {
  console.warn(`[storage-full] skipped: cannot mount a tmpfs here (${String(error).split('\n')[0]})`);
}

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(root, { recursive: true, force: true });
});

/** Text that does not compress (the store's disk format compresses repeats away). */
function noise(length: number, seed: number): string {
  let x = seed * 2654435761 + 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(97 + (x % 26));
    if (i % 9 === 8) out += ' ';
  }
  return out;
}

function recordsJson(from: number, count: number, padding: number): string {
  return JSON.stringify(
    legacyRecords(from + count)
      .slice(from)
      .map((r, i) => ({ title: r.title, excerpt: `${r.excerpt} ${noise(padding, from + i)}`, webUrl: r.webUrl, topics: r.topics })),
  );
}

async function importFile(options: Page, path: string): Promise<void> {
  await options.locator('[data-testid=import-input]').setInputFiles([path]);
  await options
    .waitForFunction(() => document.querySelector('.import-progress') === null && (document.querySelector('[data-testid=import-report]') !== null || document.querySelector('#import-heading ~ * [role=alert], .error[role=alert]') !== null), undefined, { timeout: 60_000 })
    .catch(async (error: unknown) => {
      await options.screenshot({ path: resultsPath('storage-full-timeout.png') });
      throw new Error(`${String(error)}\n${await options.locator('main').innerText()}`.slice(0, 3000));
    });
}

describe.skipIf(!mounted)('a full disk', () => {
  it('an import says storage is full and what to do, once; what was stored before is kept', async () => {
    const profileDir = join(mountPoint, 'profile');
    const session = await launchExtension({ profileDir });
    try {
      const options = await session.context.newPage();
      await options.goto(session.extensionUrl('options.html'));
      const small = join(root, 'first.json');
      writeFileSync(small, recordsJson(0, 300, 0));
      await importFile(options, small);
      await waitFor(() => options.getByTestId('store-summary').innerText(), (text) => /300\s+articles/.test(text), 10_000, 'the first import');

      // Fill the disk, leaving a little room: the next import cannot fit.
      const big = join(root, 'second.json');
      writeFileSync(big, recordsJson(300, 4000, 1500));
      const free = (): number => {
        const stats = statfsSync(mountPoint);
        return stats.bavail * stats.bsize;
      };
      writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(Math.max(0, free() - 2 * 1024 * 1024)));
      await options.reload();
      await importFile(options, big);
      const alert = options.getByTestId('storage-full');
      await alert.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await options.locator('main').innerText()}`.slice(0, 3000));
      });
      const text = await options.locator('#app').innerText();
      await options.screenshot({ path: resultsPath('storage-full-import.png'), fullPage: true });
      expect(text).toContain('storage for this extension is full');
      expect(text).toMatch(/How much to keep/);
      expect(text).toMatch(/export your store/);
      // Once, and not the browser's raw exception.
      expect(text.match(/is full/g)).toHaveLength(1);
      expect(text).not.toMatch(/QuotaExceededError|UnknownError/);

      // Room again: everything stored before is there, nothing half-written, and the store is consistent.
      rmSync(join(mountPoint, 'filler'));
      await options.reload();
      const summary = await waitFor(() => options.getByTestId('store-summary').innerText(), (t) => /articles stored/.test(t), 10_000, 'the summary');
      const stored = Number(summary.replace(/[^\d]/g, ' ').trim().split(/\s+/)[0]);
      expect(stored).toBeGreaterThanOrEqual(300);
      // Whole batches only (the import worker's).
      expect((stored - 300) % WORKER_BATCH_SIZE).toBe(0);
      await options.getByTestId('check-store').click();
      await waitFor(() => options.getByTestId('check-report').innerText().catch(() => ''), (t) => t.includes('nothing was wrong'), 30_000, 'the check');
    } finally {
      await session.close();
    }
  });
});
