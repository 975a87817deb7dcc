/**
 * `npm start`: builds (see package.json), launches Chromium with the extension, imports the demo
 * records, and opens a demo article. With a display you get a normal browser window to explore;
 * without one it runs headless and writes screenshots and the related coverage it found to
 * demo-output/ so the result can be checked anywhere.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, PRODUCTION_DIR, PROJECT_ROOT, badgeText, launchExtension, startFixtureServer, tabIdOf, waitFor } from '../tests/e2e/harness';

const headless = process.env.HEADLESS === '1' || !process.env.DISPLAY;
const outDir = join(PROJECT_ROOT, 'demo-output');

const server = await startFixtureServer();
const session = await launchExtension({ headless, extensionDir: PRODUCTION_DIR });
console.log(`Extension ${session.extensionId} loaded in Chromium (${headless ? 'headless: no display' : 'window'}).`);

// 1. Import the demo records through the options page, as a user would.
const options = await session.context.newPage();
await options.goto(session.extensionUrl('options.html'));
const recordsDir = join(FIXTURES_DIR, 'records');
await options.locator('[data-testid=import-input]').setInputFiles(readdirSync(recordsDir).map((file) => join(recordsDir, file)));
const report = await options.locator('[data-testid=import-report]').textContent({ timeout: 60_000 });
console.log(`Import: ${report?.replace(/\s+/g, ' ').trim()}`);

// 2. Open a demo article and wait for the extension to look it up.
const article = await session.context.newPage();
await article.goto(server.url('/bike-lanes.html'));
await article.bringToFront();
const tabId = await tabIdOf(session, article);
const badge = await waitFor(() => badgeText(session, tabId), (text) => text !== '', 15_000, 'the badge');
console.log(`Demo article open at ${article.url()} — badge shows ${badge} related articles.`);

if (headless) {
  mkdirSync(outDir, { recursive: true });
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(session.extensionUrl(`popup.html?tabId=${tabId}`));
  await popup.locator('[data-testid=related-item]').first().waitFor();
  await popup.screenshot({ path: join(outDir, 'popup.png'), fullPage: true });
  await options.screenshot({ path: join(outDir, 'options.png'), fullPage: true });
  await article.screenshot({ path: join(outDir, 'article.png') });
  const view = await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'get-tab-view', tabId: id }), tabId);
  writeFileSync(join(outDir, 'related.json'), JSON.stringify(view, null, 2) + '\n');
  const items = (view as { items?: { article: { title: string; providerName: string } }[] }).items ?? [];
  console.log(`Related coverage found:\n${items.map((item) => `  - ${item.article.title} (${item.article.providerName})`).join('\n')}`);
  console.log(`Wrote popup.png, options.png, article.png and related.json to ${outDir}`);
  await session.close();
  await server.close();
} else {
  const worker = session.context.serviceWorkers()[0]!;
  await worker.evaluate(() => chrome.action.openPopup()).catch(() => undefined);
  console.log('Click the extension icon on any article. Close the browser window to stop.');
  await new Promise<void>((done) => session.context.on('close', () => done()));
  await server.close();
}
