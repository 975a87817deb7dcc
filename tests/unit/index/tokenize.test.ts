import { describe, expect, it } from 'vitest';
import { detectLanguage, primaryLanguage, stopWordHits } from '../../../src/index/language';
import { indexTerms, terms, termHash } from '../../../src/index/terms';
import { fold, isForeignScript, stem, words } from '../../../src/index/tokenize';
import { namesWeekday, weekdayTerms, WEEKDAY_TERMS } from '../../../src/index/weekdays';

describe('words and stems', () => {
  it('folds case and accents and keeps numbers whole', () => {
    expect(fold('Émigré ÇA')).toBe('emigre ca');
    expect(words("China's 12.7% rise in O'Neil's town")).toEqual(['china', '12.7', 'rise', 'in', 'oneil', 'town']);
    expect(words('India-S’pura ties')).toEqual(['india', 'spura', 'ties']);
    // Soft hyphens, word joiners and byte-order marks sit inside a word (Tages-Anzeiger's og:title).
    expect(words('Trump plant Helikopter\u00adlandeplatz')).toEqual(['trump', 'plant', 'helikopterlandeplatz']);
    expect(words('Mes\u00adsen\u00adger\u2060diens\ufeffte')).toEqual(['messengerdienste']);
    expect(indexTerms('Trump plant Helikopter\u00adlandeplatz', '')).toEqual(indexTerms('Trump plant Helikopterlandeplatz', ''));
  });

  it('stems lightly: plurals, -ing, -ed and a final e come out the same', () => {
    expect(new Set(['kills', 'killed', 'killing', 'kill'].map(stem))).toEqual(new Set(['kill']));
    expect(stem('companies')).toBe('company');
    expect(stem('stopped')).toBe(stem('stop'));
    expect(stem('police')).toBe(stem('policed'));
    // Names stay recognisable, and short words and numbers are left alone.
    expect(stem('modi')).toBe('modi');
    expect(stem('bus')).toBe('bus');
    expect(stem('2020s')).toBe('2020s');
  });
});

describe('the days of the week a text names', () => {
  it('marks each day named, in week order, plurals and any case alike', () => {
    expect(weekdayTerms('Senate votes on Thursday; the House voted MONDAY and meets on Sundays')).toEqual(['@monday', '@thursday', '@sunday']);
    expect(weekdayTerms('The bank kept its rate unchanged.')).toEqual([]);
    expect(namesWeekday('on Friday')).toBe(true);
    expect(namesWeekday(undefined)).toBe(false);
  });

  it('takes a named day of the calendar for an event, not a time ("Black Friday", "Super Tuesday")', () => {
    expect(weekdayTerms('Black Friday sales and Super Tuesday results, then Bloody Sunday remembered')).toEqual([]);
    expect(weekdayTerms('Black Friday sales fell on Saturday')).toEqual(['@saturday']);
    // Not words of the text: no day is "monday" or "mondays" stemmed.
    expect(WEEKDAY_TERMS.every((term) => words(term).join('') !== term)).toBe(true);
  });

  it('ends the index terms with the markers, after the cap of words', () => {
    const excerpt = Array.from({ length: 80 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');
    const indexed = indexTerms('Parliament votes on budget', `${excerpt} on Wednesday`);
    expect(indexed.terms.at(-1)).toBe('@wednesday');
    expect(indexed.terms.filter((t) => !t.startsWith('@'))).toHaveLength(64);
    expect(indexed.anchors).not.toContain('@wednesday');
  });
});

describe('index terms of an article', () => {
  it('puts the title first, drops stop words of the language and of English, marks names and numbers', () => {
    const indexed = indexTerms('Major quake kills two in Mexico on anniversary of deadly tremors', 'A powerful earthquake struck Mexico on Monday, killing at least two people.');
    // A region's name is its marker, in the name's place (src/index/regions.ts).
    expect(indexed.terms.slice(0, indexed.titleTermCount)).toEqual(['major', 'quak', 'kill', '2', '@mx', 'anniversary', 'deadly', 'tremor']);
    expect(indexed.terms).not.toContain('monday');
    expect(indexed.anchors).toEqual(expect.arrayContaining(['2', '@mx']));
    expect(indexed.anchors).not.toContain('anniversary');
    expect(indexed.lang).toBe('en');
    // A headline's capitalised first word is its subject.
    expect(indexTerms('Huawei unveils new AI chip', '').anchors).toEqual(['huawei', 'ai']);
  });

  it('reads Malay with Malay function words and number words, sharing names and numbers with English', () => {
    const malay = indexTerms('Sekurang-kurang 2 maut gempa bumi kuat di Mexico', 'Dua orang maut selepas gempa bumi kuat melanda Mexico pada 19 September.');
    expect(malay.lang).toBe('ms');
    expect(malay.terms).not.toContain('di');
    expect(malay.terms).not.toContain('selepas');
    expect(malay.anchors).toEqual(expect.arrayContaining(['2', '@mx', '19']));
    const english = indexTerms('Major quake kills two in Mexico on anniversary of deadly tremors', '');
    expect(english.anchors.filter((a) => malay.anchors.includes(a))).toEqual(expect.arrayContaining(['2', '@mx']));
  });

  it('splits Chinese into words and joins transliterated names, with Latin names as anchors', () => {
    const indexed = indexTerms('马来西亚首相安瓦尔今天在吉隆坡宣布新的经济政策', '苹果公司 Apple 与 Petronas 合作');
    expect(indexed.lang).toBe('zh');
    expect(indexed.terms).toContain('吉隆坡');
    expect(indexed.terms).toContain('安瓦尔');
    // Function words are gone, and no clause is one term.
    expect(indexed.terms).not.toContain('在');
    expect(Math.max(...indexed.terms.filter((t) => /\p{Script=Han}/u.test(t)).map((t) => t.length))).toBeLessThan(5);
    expect(indexed.anchors).toEqual(expect.arrayContaining(['appl', 'petrona']));
  });

  it('in a Title Case headline only acronyms, numbers and names the excerpt capitalises count as anchors', () => {
    const indexed = indexTerms('Fed Raises Interest Rates As US Inflation Climbs', 'The Federal Reserve raised rates as inflation in the US climbed.');
    expect(indexed.anchors).toContain('us');
    expect(indexed.anchors).not.toContain('interest');
    expect(indexed.anchors).not.toContain('climb');
  });

  it('keeps at most 64 terms, and the same text always gives the same terms', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}x`).join(' ');
    expect(indexTerms('Title', long).terms).toHaveLength(64);
    expect(indexTerms('A headline about Kuala Lumpur', 'More.')).toEqual(indexTerms('A headline about Kuala Lumpur', 'More.'));
  });

  it('hashes terms to 32 bits, the same everywhere', () => {
    expect(termHash('mexico')).toBe(termHash('mexico'));
    expect(termHash('mexico')).not.toBe(termHash('mexic'));
    expect(termHash('吉隆坡')).toBeLessThan(2 ** 32);
    expect(terms('The Tesla loans, in Shanghai!')).toEqual(['tesla', 'loan', 'shanghai']);
  });
});

describe('language', () => {
  it('knows scripts and function words, and defaults Latin text to English', () => {
    expect(detectLanguage('新印首办部长级圆桌会议')).toBe('zh');
    expect(detectLanguage('東京で地震があった')).toBe('ja');
    expect(detectLanguage('Gempa bumi kuat landa Mexico pada tarikh yang sama dengan tragedi')).toBe('ms');
    expect(detectLanguage('Le gouvernement a annoncé une nouvelle loi pour les retraites')).toBe('fr');
    expect(detectLanguage('DPM Wong, PM Modi discuss clean energy')).toBe('en');
    expect(detectLanguage('')).toBeUndefined();
  });

  it('counts function words the same with the word map (many texts, an import) as language by language (a lookup)', () => {
    const texts = [
      'Gempa bumi kuat landa Mexico pada tarikh yang sama dengan tragedi',
      'Le gouvernement a annoncé une nouvelle loi pour les retraites et de la santé',
      'Die Regierung hat für die Rentner über neue Maßnahmen entschieden',
      'Правительство объявило о новых мерах поддержки и не только',
      'The minister said on Monday that the talks would go on, and so on in the end',
      'El gobierno y la oposición no han llegado a un acuerdo sobre el presupuesto',
      'Regeringen har inte fattat något beslut om det och de som är',
    ];
    for (const text of texts) {
      const words = fold(text).match(/\p{L}+/gu) ?? [];
      const byLanguage = stopWordHits(words, false);
      expect(byLanguage.some((hits) => hits > 0)).toBe(true);
      expect(stopWordHits(words, true)).toEqual(byLanguage);
    }
  });

  it('tells scripts apart past the Latin shortcut: Cyrillic, Greek, Arabic and Latin with accents', () => {
    expect(detectLanguage('Правительство объявило о новых мерах поддержки')).toBe('ru');
    expect(detectLanguage('Η κυβέρνηση ανακοίνωσε νέα μέτρα')).toBe('el');
    expect(detectLanguage('أعلنت الحكومة عن إجراءات جديدة')).toBe('ar');
    expect(detectLanguage('Die Regierung hat für die Rentner über neue Maßnahmen entschieden')).toBe('de');
    // The text's case and accents do not change the verdict (function words are folded).
    expect(detectLanguage('LE GOUVERNEMENT A ANNONCÉ UNE NOUVELLE LOI POUR LES RETRAITES')).toBe('fr');
  });

  it('calls text foreign only when most of its letters are not Latin, µ and modifier letters included', () => {
    expect(isForeignScript('Zürich: Ærø and Łódź ǅ')).toBe(false);
    expect(isForeignScript('µµµ a')).toBe(true);
    expect(isForeignScript('ʻʻʻ a')).toBe(true);
    expect(isForeignScript('Anwar 会见习近平主席')).toBe(true);
    expect(isForeignScript('12 345 !')).toBe(false);
  });

  it('reads language tags', () => {
    expect(primaryLanguage('ms-MY')).toBe('ms');
    expect(primaryLanguage('en_GB')).toBe('en');
    expect(primaryLanguage('zsm')).toBe('ms');
    expect(primaryLanguage('not a tag')).toBeUndefined();
    expect(primaryLanguage(undefined)).toBeUndefined();
  });
});
