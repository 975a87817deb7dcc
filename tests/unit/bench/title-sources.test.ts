/**
 * The title-source study (`bench/title-sources.ts`): on a page whose statements disagree, it reads
 * each source on its own, finds which the label follows, and counts what a majority vote would fix.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titleSources } from '../../../bench/title-sources';

const PAGE = `<!DOCTYPE html><html lang="en"><head>
<title>Main Street gets protected bike lanes | Riverton Daily</title>
<meta property="og:title" content="Main Street gets protected bike lanes">
<meta name="twitter:title" content="Main Street gets protected bike lanes">
<meta property="og:site_name" content="Riverton Daily">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves bike lanes on Main Street","datePublished":"2024-05-02T10:00:00Z"}</script>
</head><body><article><h1>Main Street gets protected bike lanes</h1><p>The council voted on Tuesday.</p></article></body></html>`;

describe('title sources', () => {
  it('reads each source apart, names the arrangement and counts what the majority would change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rots-titles-'));
    writeFileSync(join(dir, 'page.html'), PAGE);
    const path = join(dir, 'manifest.jsonl');
    const rows = [{ file: 'page.html', expected_is_article: true, title: 'Main Street gets protected bike lanes' }];
    writeFileSync(path, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
    const report = titleSources(path, true);
    expect(report.pages).toBe(1);
    // The extension trusts the JSON-LD headline first; the label follows the other five.
    expect(report.extension_loose).toBe(0);
    expect(report.patterns).toEqual([{ pattern: 'ABBBBB', pages: 1, extension: 0, follows: { og: 1, twitter: 1, title: 1, h1: 1, shown: 1 }, files: ['page.html'] }]);
    expect(report.per_source['page.html']).toMatchObject({ ld: { present: 1, label_follows: 0 }, title: { present: 1, label_follows: 1 } });
    expect(report.ceiling.loose).toBe(1);
    expect(report.majority).toEqual({ net: 1, fixed: ['page.html'], broken: [] });
    // Each source decoded and without the site's name.
    expect(report.pages_detail?.[0]?.sources).toMatchObject({ ld: 'Council approves bike lanes on Main Street', title: 'Main Street gets protected bike lanes' });
  });
});
