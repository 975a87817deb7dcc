/** Which side of UTC a site keeps its clocks on (used to tell a local time marked "Z"). */
import { describe, expect, it } from 'vitest';
import { siteZoneSide } from '../../../src/detect/site-zone';

describe('siteZoneSide', () => {
  it('reads the country domain: east, west, or unknown for generic and generic-use domains', () => {
    expect(siteZoneSide('couriermail.com.au', undefined)).toBe('east');
    expect(siteZoneSide('www.faz.de', 'de')).toBe('east');
    expect(siteZoneSide('www.bbc.co.uk', undefined)).toBe('east');
    expect(siteZoneSide('globo.com.br', undefined)).toBe('west');
    expect(siteZoneSide('dallasnews.com', 'en')).toBe('unknown');
    expect(siteZoneSide('startup.io', undefined)).toBe('unknown');
    expect(siteZoneSide('news.co', undefined)).toBe('unknown');
  });

  it('prefers the language tag’s region to the domain', () => {
    expect(siteZoneSide('dallasnews.com', 'en-US')).toBe('west');
    expect(siteZoneSide('example.com', 'pt_BR')).toBe('west');
    expect(siteZoneSide('example.com', 'en-AU')).toBe('east');
    expect(siteZoneSide('slf.ch', 'de-CH')).toBe('east');
    // A script subtag is not a region: the domain decides.
    expect(siteZoneSide('udn.com.tw', 'zh-Hant-TW')).toBe('east');
  });
});
