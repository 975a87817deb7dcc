import { describe, expect, it } from 'vitest';
import { inlinePageCss } from '../../../scripts/inline-page-css';

type Asset = { type: 'asset'; fileName: string; source: string | Uint8Array };

function page(links: string[]): string {
  return `<html><head><script type="module" src="/chunks/a.js"></script>\n${links.map((href) => `<link rel="stylesheet" crossorigin href="/${href}">`).join('\n')}\n</head><body><p>x</p></body></html>`;
}

function runPlugin(bundle: Record<string, Asset>, entrypoints: string[]): void {
  const plugin = inlinePageCss(entrypoints);
  (plugin.generateBundle as unknown as (options: unknown, bundle: Record<string, Asset>) => void)({}, bundle);
}

describe('inlinePageCss', () => {
  it('inlines the listed pages\' stylesheets, in order, and leaves other pages and the CSS files alone', () => {
    const bundle: Record<string, Asset> = {
      'entrypoints/newtab/index.html': { type: 'asset', fileName: 'entrypoints/newtab/index.html', source: page(['assets/theme.css', 'assets/newtab.css']) },
      'entrypoints/options/index.html': { type: 'asset', fileName: 'entrypoints/options/index.html', source: page(['assets/theme.css']) },
      'assets/theme.css': { type: 'asset', fileName: 'assets/theme.css', source: ':root{--bg:#fff}' },
      'assets/newtab.css': { type: 'asset', fileName: 'assets/newtab.css', source: new TextEncoder().encode('.digest{display:grid}') },
    };
    runPlugin(bundle, ['newtab']);
    const newtab = bundle['entrypoints/newtab/index.html']!.source as string;
    expect(newtab).not.toContain('rel="stylesheet"');
    expect(newtab).toContain('<style>:root{--bg:#fff}</style>\n<style>.digest{display:grid}</style>');
    expect(newtab.indexOf('--bg')).toBeLessThan(newtab.indexOf('.digest'));
    expect(newtab).toContain('<script type="module" src="/chunks/a.js"></script>');
    expect(bundle['entrypoints/options/index.html']!.source).toContain('<link rel="stylesheet" crossorigin href="/assets/theme.css">');
    expect(bundle['assets/theme.css']).toBeDefined();
  });

  it('keeps a link whose file is not in the bundle, and cannot be broken out of by the CSS', () => {
    const bundle: Record<string, Asset> = {
      'entrypoints/popup/index.html': { type: 'asset', fileName: 'entrypoints/popup/index.html', source: page(['assets/gone.css', 'assets/odd.css']) },
      'assets/odd.css': { type: 'asset', fileName: 'assets/odd.css', source: 'a::after{content:"</style><script>x</script>"}' },
    };
    runPlugin(bundle, ['popup']);
    const popup = bundle['entrypoints/popup/index.html']!.source as string;
    expect(popup).toContain('href="/assets/gone.css"');
    expect(popup.match(/<\/style/g)).toHaveLength(1);
  });
});
