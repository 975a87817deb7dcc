/**
 * The built extensions, both browsers: production builds carry none of the e2e build's test-only
 * allowances (host access to 127.0.0.1, pages web-accessible to it, benchmark pages, test hooks),
 * the e2e builds do (so this test can tell), both are MV3 with the same permissions, Firefox's has
 * its Gecko id, and `web-ext lint` finds no error in the Firefox build. Reads `.output/` (npm test
 * builds all four first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFOX_MIN_VERSION, GECKO_ID, TEST_OPENABLE_PAGES, TEST_ORIGIN } from '../../src/platform/manifest';
import { PROJECT_ROOT } from './harness';

type Manifest = Record<string, unknown> & {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: unknown[];
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: unknown } };
};

const BUILDS = {
  chrome: join(PROJECT_ROOT, '.output', 'chrome-mv3'),
  'chrome-e2e': join(PROJECT_ROOT, '.output', 'chrome-mv3-e2e'),
  firefox: join(PROJECT_ROOT, '.output', 'firefox-mv3'),
  'firefox-e2e': join(PROJECT_ROOT, '.output', 'firefox-mv3-e2e'),
} as const;

function manifestOf(build: keyof typeof BUILDS): Manifest {
  const file = join(BUILDS[build], 'manifest.json');
  if (!existsSync(file)) throw new Error(`No ${file}: run "npm run build && npm run build:e2e" (npm test does) first.`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** Every file of a build, as paths relative to it. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

const BLANKET_HOSTS = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*'];

describe('production builds carry no test-only allowances', () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    it(`${browser}: no granted host access, no web-accessible pages, no bench pages, no test hooks`, () => {
      const manifest = manifestOf(browser);
      expect(manifest.host_permissions).toBeUndefined();
      expect((manifest.permissions ?? []).filter((p) => p.includes('://') || p === '<all_urls>')).toEqual([]);
      expect(manifest.web_accessible_resources).toBeUndefined();
      expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
      const files = filesOf(BUILDS[browser]);
      expect(files.filter((file) => /bench/.test(file))).toEqual([]);
      const scripts = files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(BUILDS[browser], file), 'utf8'));
      // The e2e hooks (menu clicks, detection timings) are compiled out of production code.
      for (const marker of ['rotsTest', 'data-rots-detect', 'data-rots-never-checked']) expect(scripts.some((code) => code.includes(marker)), marker).toBe(false);
    });
  }

  it('the e2e builds do carry them (so the checks above can fail)', () => {
    expect(manifestOf('chrome-e2e').host_permissions).toEqual([TEST_ORIGIN]);
    expect(manifestOf('firefox-e2e').web_accessible_resources).toEqual([{ resources: TEST_OPENABLE_PAGES, matches: [TEST_ORIGIN] }]);
    for (const build of ['chrome-e2e', 'firefox-e2e'] as const) {
      const files = filesOf(BUILDS[build]);
      expect(files).toContain('bench.html');
      expect(readFileSync(join(BUILDS[build], 'background.js'), 'utf8')).toContain('rotsTest');
    }
  });
});

describe('one extension in two browsers', () => {
  it('both are MV3 with the same permissions, commands, omnibox keyword and pages', () => {
    const chrome = manifestOf('chrome');
    const firefox = manifestOf('firefox');
    for (const manifest of [chrome, firefox]) expect(manifest.manifest_version).toBe(3);
    expect(chrome.action).toEqual({ default_title: 'Rest of the Story', default_popup: 'popup.html' });
    // Firefox would hide the button (and its badge) in the Extensions menu: it goes on the toolbar.
    expect(firefox.action).toEqual({ default_title: 'Rest of the Story', default_popup: 'popup.html', default_area: 'navbar' });
    for (const key of ['permissions', 'optional_host_permissions', 'commands', 'omnibox', 'chrome_url_overrides', 'options_ui', 'content_scripts', 'name', 'version']) {
      expect(firefox[key], key).toEqual(chrome[key]);
    }
    for (const permission of BLANKET_HOSTS) expect(chrome.permissions).not.toContain(permission);
  });

  it('Chrome runs a service worker; Firefox an event page, under its Gecko id, with no data collected', () => {
    expect(manifestOf('chrome').background).toEqual({ service_worker: 'background.js' });
    expect(manifestOf('chrome').browser_specific_settings).toBeUndefined();
    const firefox = manifestOf('firefox');
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings).toEqual({ gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } } });
  });

  it('web-ext lint finds no errors in the Firefox build', () => {
    let output: string;
    try {
      output = execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'web-ext'), ['lint', '--source-dir', BUILDS.firefox, '--output', 'json', '--no-config-discovery'], {
        encoding: 'utf8',
        env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
      });
    } catch (error) {
      // web-ext exits non-zero when it finds errors: its report is still on stdout.
      output = String((error as { stdout?: unknown }).stdout ?? error);
    }
    const report = JSON.parse(output.slice(output.indexOf('{'))) as { errors: { code: string; message: string; file?: string }[]; warnings: { code: string; file?: string }[] };
    expect(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
    console.info(`web-ext lint warnings: ${report.warnings.map((w) => `${w.code} (${w.file ?? 'manifest'})`).join(', ') || 'none'}`);
  }, 60_000);
});
