import { afterEach, describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digest/digest';
import { DigestApp } from '../../../src/ui/digest/DigestApp';
import { cleanup, mount, settle } from './dom';

afterEach(cleanup);

function digestOf(articles: number): Digest {
  return { version: 1, builtAt: 0, anchor: 0, windowStart: 0, articles, today: [], week: [], readUpdates: [] };
}

describe('the new-tab digest page', () => {
  it('paints the kept digest at once, marked busy, and replaces it with the store answer when it comes', async () => {
    let answer!: (digest: Digest) => void;
    const kept: Digest[] = [];
    const page = await mount(
      <DigestApp
        initial={digestOf(5)}
        mode="full"
        showThumbnails={false}
        loadDigest={() => new Promise<Digest>((resolve) => (answer = resolve))}
        onDigest={(digest) => kept.push(digest)}
        searchUrl={(text) => `results.html?q=${text}`}
        optionsUrl="options.html"
      />,
    );
    const root = page.querySelector('.digest')!;
    expect(page.querySelector('[data-testid=digest-stats]')!.textContent).toContain('5 articles stored');
    expect(root.getAttribute('data-state')).toBe('kept');
    expect(page.querySelector('main')!.getAttribute('aria-busy')).toBe('true');

    answer(digestOf(7));
    await settle();
    expect(page.querySelector('[data-testid=digest-stats]')!.textContent).toContain('7 articles stored');
    expect(root.getAttribute('data-state')).toBe('fresh');
    expect(page.querySelector('main')!.getAttribute('aria-busy')).toBe('false');
    expect(kept.map((digest) => digest.articles)).toEqual([7]);
  });
});
