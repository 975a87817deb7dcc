import { describe, expect, it } from 'vitest';
import { isRegionTerm, namesRegion, REGION_CODES, regionNameIn, regionTerms } from '../../../src/index/regions';
import { indexTerms } from '../../../src/index/terms';

// Headlines of one story (mmds-dev, dev-4 and dev-5) in Malay, English and Chinese.
const MALAY = 'Ahli perniagaan Malaysia ‘Fat Leonard’ ditahan di Venezuela';
const CHINESE = '涉贿赂潜逃遭美国通缉 马国国防承包商委内瑞拉落网';
const ENGLISH = 'Hurricane Fiona heads for Bermuda after killing 8 in Puerto Rico';
const CHINESE_FIONA = '飓风菲奥娜前往百慕大，波多黎各多达8人死亡';

describe('region markers', () => {
  it('names the same regions whatever the language or script', () => {
    expect(regionTerms(MALAY, 'ms')).toEqual(['@my', '@ve']);
    expect(regionTerms(CHINESE, 'zh')).toEqual(['@us', '@ve']);
    expect(regionTerms(ENGLISH, 'en')).toEqual(['@bm', '@pr']);
    expect(regionTerms(CHINESE_FIONA, 'zh')).toEqual(['@bm', '@pr']);
    // Traditional characters too.
    expect(regionTerms('俄羅斯換俘接回蒲亭盟友梅維楚克 前烏克蘭政壇要角淪叛國賊', 'zh')).toEqual(['@ru', '@ua']);
  });

  it('matches a text against the names of its language and English (and close partners) only', () => {
    // English "US" is its own short name; Malay "A.S" and Indonesian "AS" are partners' names.
    expect(regionTerms('the US said', 'en')).toEqual(['@us']);
    expect(regionTerms('kata Amerika Serikat dan A.S.', 'ms')).toEqual(['@us']);
    expect(regionTerms('kata Amerika Syarikat', 'id')).toEqual(['@us']);
    // German, Danish and Swedish name Iceland "Island"; an English island is not Iceland.
    expect(regionTerms('Long Island shooting', 'en')).toEqual([]);
    expect(regionTerms('Vulkanausbruch auf Island', 'de')).toEqual(['@is']);
    // A language without a stop-word list is matched by English names.
    expect(regionTerms('Malaysia', 'sw')).toEqual(['@my']);
    // Which stored articles to index again: a region named in any language.
    expect(namesRegion('Long Island')).toBe(true);
    expect(namesRegion('nothing here')).toBe(false);
  });

  it('ships the codes the runtime names (so the list cannot drift unseen)', () => {
    const en = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const named: string[] = [];
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (code !== 'ZZ' && code !== 'XA' && code !== 'XB' && en.of(code) !== undefined) named.push(code);
      }
    expect(REGION_CODES).toEqual(named);
  });

  it('takes the longest name at a place', () => {
    expect(regionTerms('Papua New Guinea quake', 'en')).toEqual(['@pg']);
    expect(regionTerms('the United States of America', 'en')).toEqual(['@us']);
    expect(regionTerms('中国香港特别行政区政府', 'zh')).toEqual(['@hk']);
  });

  it('matches names in capitals only as written', () => {
    expect(regionTerms('US and UK sanctions; A.S. kenakan sekatan', 'ms')).toEqual(['@gb', '@us']);
    expect(regionTerms('Tell us what you think', 'en')).toEqual([]);
    expect(regionTerms('as the uk of it', 'en')).toEqual([]);
  });

  it('matches Latin-script names as whole words only', () => {
    expect(regionTerms('Omani officials', 'en')).toEqual([]);
    expect(regionTerms('Perusahaan tempatan', 'ms')).toEqual([]);
  });

  it('a term that is a whole name becomes its marker in place; other names are appended, all anchors', () => {
    const chinese = indexTerms(CHINESE, '', 'zh');
    expect(chinese.terms).toContain('@us');
    expect(chinese.terms).toContain('@ve');
    expect(chinese.terms).not.toContain('美国');
    expect(chinese.anchors).toEqual(expect.arrayContaining(['@us', '@ve']));
    const malay = indexTerms(MALAY, '', 'ms');
    expect(malay.terms).toContain('@my');
    expect(malay.terms).not.toContain('malaysia');
    // Two names of one region in one text: one marker (terms stay distinct), title count kept true.
    const twice = indexTerms('Malaysia dan China meterai perjanjian; Tiongkok setuju', 'Pegawai Malaysia berkata', 'ms');
    expect(twice.terms.filter((t) => t === '@cn')).toHaveLength(1);
    expect(twice.terms).not.toContain('tiongkok');
    expect(new Set(twice.terms).size).toBe(twice.terms.length);
    expect(twice.titleTermCount).toBe(twice.terms.indexOf('pegawai'));
    // A name of several words is not one term: its marker comes after the terms.
    const english = indexTerms('Storm hits United States coast', '', 'en');
    expect(english.terms.at(-1)).toBe('@us');
    expect(english.terms).toContain('unit');
    expect(indexTerms(ENGLISH, '', 'en').terms.filter(isRegionTerm)).toEqual(['@bm', '@pr']);
    // No word the tokenizer makes is a marker.
    expect(indexTerms('Email us @ news desk', '', 'en').terms.filter(isRegionTerm)).toEqual([]);
  });

  it('explains a marker by the name as the article writes it', () => {
    expect(regionNameIn('@ve', CHINESE, 'zh')).toBe('委内瑞拉');
    expect(regionNameIn('@us', 'Sanctions: the US said on Friday', 'en')).toBe('us');
    expect(regionNameIn('@us', 'AS kenakan sekatan, kata Amerika Syarikat', 'ms')).toBe('amerika syarikat');
    expect(regionNameIn('@my', MALAY, 'ms')).toBe('malaysia');
    // Not found as written: the region's name in the article's language.
    expect(regionNameIn('@my', 'no name here', 'zh')).toBe('马来西亚');
  });
});
