import { describe, expect, it } from 'vitest';
import { currentBrowser, traitsOf } from '../../../src/platform/browser';
import { actionKeys, browserManifest, GECKO_ID } from '../../../src/platform/manifest';

describe('browser traits', () => {
  it('writes omnibox markup Chrome parses, and plain text for Firefox', () => {
    expect(traitsOf('chrome').omniboxMarkup).toBe('xml');
    expect(traitsOf('firefox').omniboxMarkup).toBe('plain');
    expect(traitsOf('firefox').feedSiteAccess).toMatch(/Firefox/);
  });

  it('defaults to Chrome where the build names no browser (unit tests)', () => {
    expect(currentBrowser.name).toBe('chrome');
  });
});

describe('per-browser manifest keys', () => {
  it('gives Firefox builds a Gecko id, a minimum version and no data collection; Chrome none of it', () => {
    for (const mode of ['production', 'e2e']) {
      const gecko = browserManifest('firefox', mode).browser_specific_settings?.gecko;
      expect(gecko).toEqual({ id: GECKO_ID, strict_min_version: expect.stringMatching(/^\d+\.0$/), data_collection_permissions: { required: ['none'] } });
      expect(browserManifest('chrome', mode).browser_specific_settings).toBeUndefined();
    }
  });

  it('puts the toolbar button (and its badge) on Firefox\'s toolbar', () => {
    expect(actionKeys('firefox')).toEqual({ default_area: 'navbar' });
    expect(actionKeys('chrome')).toEqual({});
  });

  it('adds the test-only allowances to e2e builds only', () => {
    for (const browser of ['chrome', 'firefox']) {
      const production = browserManifest(browser, 'production');
      expect(production.host_permissions).toBeUndefined();
      expect(production.web_accessible_resources).toBeUndefined();
    }
    expect(browserManifest('chrome', 'e2e').host_permissions).toEqual(['http://127.0.0.1/*']);
    expect(browserManifest('firefox', 'e2e').web_accessible_resources).toEqual([{ resources: expect.arrayContaining(['options.html', 'popup.html']), matches: ['http://127.0.0.1/*'] }]);
    expect(browserManifest('firefox', 'e2e').host_permissions).toBeUndefined();
  });
});
