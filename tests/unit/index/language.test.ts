import { describe, expect, it } from 'vitest';
import { detectLanguage, displayLanguage, languageTag, sureLanguage } from '../../../src/index/language';

/** An English report the function-word guess calls Danish ("man", "at"… are Danish words too). */
const ENGLISH_CALLED_DANISH = 'Man arrested in fatal shooting at grocery store (WMC) – Memphis police arrested a man wanted for a murder that happened at a neighborhood grocery store.';
const MALAY = 'Polis telah menahan seorang lelaki yang disyaki terlibat dalam kejadian tembak di sebuah kedai runcit pada malam tadi, kata ketua polis daerah itu.';
const CHINESE = '新加坡科学家开发出血液检测试剂盒';
const ENGLISH_QUOTING_CHINESE = 'Xi Jinping (习近平) meets Biden in San Francisco for talks on trade';
const RUSSIAN = 'Путин заявил, что переговоры с Украиной пока не дали результата, и это не изменится до конца года';
const UKRAINIAN = 'Зеленський заявив, що Україна не погодиться на переговори, поки війська не будуть виведені з її території';

describe('a sure language, for what people read and hear', () => {
  it('is the guess only when the text leaves no doubt', () => {
    expect(detectLanguage(ENGLISH_CALLED_DANISH)).toBe('da');
    expect(sureLanguage(ENGLISH_CALLED_DANISH)).toBeUndefined();
    expect(detectLanguage(ENGLISH_QUOTING_CHINESE)).toBe('zh');
    expect(sureLanguage(ENGLISH_QUOTING_CHINESE)).toBeUndefined();
    expect(sureLanguage(MALAY)).toBe('ms');
    expect(sureLanguage(CHINESE)).toBe('zh');
    expect(sureLanguage(RUSSIAN)).toBe('ru');
    expect(sureLanguage(UKRAINIAN)).toBe('uk');
    // A headline has too few function words to be sure of.
    expect(sureLanguage('Banjir: Lebih 3,000 mangsa dipindahkan')).toBeUndefined();
  });

  it('a stored language: a guess only when sure; one that differs from the guess was stated', () => {
    // The store keeps the stated language, else the guess: a guess that is not sure is left out.
    expect(displayLanguage(detectLanguage(ENGLISH_CALLED_DANISH), ENGLISH_CALLED_DANISH, false)).toBeUndefined();
    expect(displayLanguage(detectLanguage(MALAY), MALAY, false)).toBe('ms');
    // "ms-MY" is not what the guess says of this headline: the feed or record stated it.
    expect(displayLanguage('ms-MY', 'Banjir: Lebih 3,000 mangsa dipindahkan', false)).toBe('ms-MY');
    expect(displayLanguage(undefined, MALAY, false)).toBe('ms');
    expect(displayLanguage(undefined, ENGLISH_CALLED_DANISH, false)).toBeUndefined();
  });

  it('a stated language, unless the text surely says otherwise', () => {
    expect(displayLanguage('da', ENGLISH_CALLED_DANISH, true)).toBe('da');
    // Sites that say "en-US" of every page, Chinese and Malay ones too.
    expect(displayLanguage('en-US', CHINESE, true)).toBe('zh');
    expect(displayLanguage('en-US', MALAY, true)).toBe('ms');
    expect(displayLanguage('zh-Hant', CHINESE, true)).toBe('zh-Hant');
    expect(displayLanguage('not a tag', ENGLISH_CALLED_DANISH, true)).toBeUndefined();
  });

  it('writes tags an HTML lang attribute takes', () => {
    expect(languageTag('zh-Hant')).toBe('zh-Hant');
    expect(languageTag(' ms-MY ')).toBe('ms-MY');
    expect(languageTag('en_US')).toBe('en');
    expect(languageTag('in-ID')).toBe('id-ID');
    expect(languageTag('"><script>')).toBeUndefined();
    expect(languageTag(undefined)).toBeUndefined();
  });
});
