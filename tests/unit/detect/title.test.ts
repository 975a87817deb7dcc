/**
 * The headline, from a page's title statements and the headings it shows: each rule with the
 * statements of the real pages it was written for (sites named in the comments).
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classifyPage, extractPage, readPage } from '../../../src/detect/detect';
import { chooseTitle, comparable } from '../../../src/detect/title';

function title(html: string, url = 'https://news.example/politik/some-story-123'): string {
  const doc = parseHTML(`<!doctype html>${html}`).document as unknown as Document;
  const verdict = classifyPage(doc, url);
  return extractPage(doc, url, verdict.ld, verdict.signals).title;
}

describe('chooseTitle', () => {
  it('cuts a section label off when the page shows the rest as its headline (bka.de)', () => {
    expect(
      chooseTitle(['Listenseite für Pressemitteilungen 2022 - Messengerdienste sind kein rechtsfreier Raum'], ['Bundeskriminalamt (BKA)', 'Mes­sen­ger­diens­te sind kein rechts­frei­er Raum'], '', 'www.bka.de'),
    ).toBe('Messengerdienste sind kein rechtsfreier Raum');
  });

  it('cuts the site and the section off a blog title (disfunctions.de: "Site » Blog Archiv » Headline")', () => {
    expect(chooseTitle(['Disfunctions.de » Blog Archiv » Podcasts in Plex einbinden'], ['Podcasts in Plex einbinden', 'Disfunctions.de'], '', 'disfunctions.de')).toBe('Podcasts in Plex einbinden');
  });

  it('cuts the site and the author off when the <h1> is the headline (The Gateway Pundit)', () => {
    expect(
      chooseTitle(
        ["New Plot Twist in Idaho Quadruple Murders Case * The Gateway Pundit * by Cristina Laila"],
        ['New Plot Twist in Idaho Quadruple Murders Case'],
        'The Gateway Pundit',
        'thegatewaypundit.com',
      ),
    ).toBe('New Plot Twist in Idaho Quadruple Murders Case');
  });

  it('does not take a heading that is the site’s name for the headline (rueda.wikidot.com)', () => {
    expect(chooseTitle(['Enchufla Figuren - Salsa-Figuren - Rueda in Berlin'], ['Salsa-Figuren - Rueda in Berlin'], '', 'rueda.wikidot.com')).toBe('Enchufla Figuren - Salsa-Figuren - Rueda in Berlin');
  });

  it('keeps the author’s quotes and punctuation (handball-world, deutschlandfunk)', () => {
    expect(chooseTitle(['"Mehr Variabilität im Angriff": HSV Hamburg verpflichtet niederländischen Nationalspieler'], [], 'handball-world', 'handball-world.news')).toBe(
      '"Mehr Variabilität im Angriff": HSV Hamburg verpflichtet niederländischen Nationalspieler',
    );
    expect(chooseTitle(['„Wir dekorieren auf der Titanic die Liegestühle um“'], [], 'Deutschlandfunk', 'deutschlandfunk.de')).toBe('„Wir dekorieren auf der Titanic die Liegestühle um“');
    expect(chooseTitle(['Kind krank? Was Arbeitgeber jetzt wissen müssen'], [], 'impulse', 'impulse.de')).toBe('Kind krank? Was Arbeitgeber jetzt wissen müssen');
  });

  it('spells a headline in capitals as the page also spells it (munich2022.com: <h1> in capitals, meta tags not)', () => {
    expect(chooseTitle(['EUROPAS TOPATHLETEN FIT FÜR MÜNCHEN 2022'], ['Europas Topathleten fit für München 2022'], '', 'munich2022.com')).toBe('Europas Topathleten fit für München 2022');
  });

  it('puts a headline in sentence case when the page only writes it in capitals, but not a short label or a CJK title', () => {
    expect(chooseTitle(['PEKING 2022 – EINE GROSSE CHANCE FÜR DEN CHINESISCHEN BIATHLONSPORT'], [], '', 'biathlonworld.com')).toBe('Peking 2022 – eine grosse chance für den chinesischen biathlonsport');
    expect(chooseTitle(['COVID-19: WHO WARNS OF A SECOND WAVE IN EUROPE'], [], '', 'x.example')).toBe('COVID-19: Who warns of a second wave in europe');
    expect(chooseTitle(['NFF: TINE Fotballskole viktig for barneidretten gjennom pandemien'], [], 'TINE.no', 'tine.no')).toBe('NFF: TINE Fotballskole viktig for barneidretten gjennom pandemien');
    // Not in sentence case; the platform's name ("痞客邦 PIXNET" on pixnet.net) is cut as a site's.
    expect(chooseTitle(['新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::'], [], '', 'pixnet.net')).toBe('新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天');
  });

  it('completes a statement cut short with an ellipsis, but not a title that ends with one (scmp.com, The Sun)', () => {
    expect(
      chooseTitle(
        ['Taiwanese President Tsai Ing-wen’s political playbook should be essential reading for Hong Kong leader...', 'Taiwanese President Tsai Ing-wen’s political playbook should be essential reading for Hong Kong leader Carrie Lam | South China Morning Post'],
        [],
        'South China Morning Post',
        'scmp.com',
      ),
    ).toBe('Taiwanese President Tsai Ing-wen’s political playbook should be essential reading for Hong Kong leader Carrie Lam');
    expect(chooseTitle(['Who is Phil Foden’s girlfriend and how many children do couple have?...', "Who is Phil Foden's girlfriend and how many children do couple have? | The Sun"], [], 'The Sun', 'thesun.co.uk')).toBe(
      'Who is Phil Foden’s girlfriend and how many children do couple have?...',
    );
  });

  it('skips a statement that is nothing but the site’s name once cut (nmb-media.de: og:site_name is the <title>)', () => {
    const site = '.:: NMB-MEDIA ::. eBay-Templates, JTL-Wawi / Eazyauction Designvorlagen';
    expect(chooseTitle([site, 'Datenschutztechnische Anpassung der eBay-Verkaufsvorlagen'], [], site, 'nmb-media.de')).toBe(
      'Datenschutztechnische Anpassung der eBay-Verkaufsvorlagen',
    );
  });

  it('knows a site’s name in its address, umlauts spelled out and accents dropped (oekologisch-bauen.info, nestle-marktplatz.de)', () => {
    expect(chooseTitle(['Initiative EnergieEffizienz - kostenloser Stromcheck | Ökologisch Bauen'], [], '', 'www.oekologisch-bauen.info')).toBe('Initiative EnergieEffizienz - kostenloser Stromcheck');
    expect(chooseTitle(['Produkttester werden: gratis testen & bewerten │ Nestlé Marktplatz'], [], '', 'www.nestle-marktplatz.de')).toBe('Produkttester werden: gratis testen & bewerten');
  });

  it('takes the shown headline over a first statement that shares no word with it, when another statement carries it (be.ch, The Insiders)', () => {
    const bern = 'Medienmitteilung der Gesundheits-, Sozial- und Integrationsdirektion :Impfen und Boostern ist bis Ende Februar noch überall möglich';
    expect(chooseTitle(['Medienmitteilungen', 'Impfen und Boostern ist bis Ende Februar noch überall möglich', bern], [bern], 'Kanton Bern', 'www.be.ch')).toBe('Impfen und Boostern ist bis Ende Februar noch überall möglich');
    const wella = 'Wellaflex – Schnell aufgefrischtes Haar in jeder Situation mit dem 10-in-1 Trockenshampoo';
    expect(
      chooseTitle(
        ['Möchtest Du The Insiders mit mir zusammen beitreten?', 'The Insiders -  Schnell aufgefrischtes Haar in jeder Situation mit dem neuen Wellaflex 10-in-1 Trockenshampoo - Info (de-de)', wella],
        [wella, 'Anwendung'],
        'The Insiders',
        'www.theinsidersnet.com',
      ),
    ).toBe(wella);
  });

  it('keeps the statements’ title when only the <h1> disagrees, or another statement tells of the same piece (Readability’s test pages, shabka.org without its menu, a live blog)', () => {
    expect(chooseTitle(['Replace font tags test', 'Lorem'], ['Lorem'], '', 'fakehost')).toBe('Replace font tags test');
    expect(chooseTitle(['About Us - Shabka', 'The strategic Think & Do Tank'], ['The strategic Think & Do Tank'], 'Shabka', 'shabka.org')).toBe('About Us');
    // abendblatt.de: the JSON-LD headline is the live blog's latest entry, the other statements the blog's.
    expect(
      chooseTitle(
        ['Kinder-Marathon am Sonnabend: Eltern bei Aufstellung unerwünscht', 'Hamburg Marathon 2024: Überlegener Sieger und "royaler Besuch"'],
        ['Überlegener Sieger, kuriose Kostüme und "royaler Besuch"'],
        'Hamburger Abendblatt',
        'www.abendblatt.de',
      ),
    ).toBe('Kinder-Marathon am Sonnabend: Eltern bei Aufstellung unerwünscht');
  });

  it('dashes a title as the page’s headline does (ordnungsrausch.com, pinup-fashion.de)', () => {
    expect(chooseTitle(['{orga your life} - das Leben organisieren | Ordnungsrausch', '{orga your life} – das Leben organisieren'], ['{orga your life} – das Leben organisieren'], '', 'archive.ordnungsrausch.com')).toBe(
      '{orga your life} – das Leben organisieren',
    );
    expect(chooseTitle(['Korsetts - Shops, Designer, online kaufen', 'Korsetts – Deutschland'], ['Korsetts – Shops, Designer, online kaufen', 'Korsetts – Deutschland'], '', 'www.pinup-fashion.de')).toBe('Korsetts – Shops, Designer, online kaufen');
    // Only the dashes: a headline with other words or punctuation does not respell the title.
    expect(chooseTitle(['Ausschuss zur Ahrtal-Flut: Zwei Rücktritte - und viele offene Fragen'], ['Ausschuss zur Ahrtal-Flut Zwei Rücktritte – und viele offene Fragen'], '', 'www.tagesschau.de')).toBe(
      'Ausschuss zur Ahrtal-Flut: Zwei Rücktritte - und viele offene Fragen',
    );
  });

  it('takes the part of a statement the page shows as its headline when it is most of the statement without the site’s name (finanzcheck.de, vinosytapas.de)', () => {
    expect(chooseTitle(['Leasing oder Finanzierung » Der große Vergleich | FINANZCHECK.de', 'Leasing oder Finanzierung'], ['Leasing oder Finanzierung'], 'Finanzcheck.de', 'finanzcheck.de')).toBe('Leasing oder Finanzierung');
    expect(chooseTitle(['D.O.Ca. Rioja, Spanien - Iberische Weine in Berlin - Vinos Y Tapas und Vinho Iberico', 'D.O.Ca. Rioja, Spanien'], ['D.O.Ca. Rioja, Spanien'], '', 'www.vinosytapas.de')).toBe('D.O.Ca. Rioja, Spanien');
    // Not a short part of a long headline: the heading is less than 40 % of it.
    expect(chooseTitle(['Wahl 2024 - Alle Ergebnisse, Grafiken und Analysen aus allen Wahlkreisen des Landes'], ['Wahl 2024'], '', 'news.example')).toBe('Wahl 2024 - Alle Ergebnisse, Grafiken und Analysen aus allen Wahlkreisen des Landes');
  });

  it('writes small words as the page’s headline does when a statement capitalises every word (viconsortium.com), not a name (emacspeak)', () => {
    const shown = 'Vessel Returning to Puerto Rico From St. Thomas With 475 Pounds of Cocaine Intercepted by Federal Agents, CBP Says';
    expect(chooseTitle(['Vessel Returning To Puerto Rico From St. Thomas With 475 Pounds Of Cocaine Intercepted By Federal Agents, CBP Says', shown], [shown], '', 'viconsortium.com')).toBe(shown);
    expect(
      chooseTitle(
        ['Meta-Programming In Emacs Using Defadvice', 'EMACSPEAK The Complete Audio Desktop: Meta-Programming In Emacs Using Defadvice'],
        ['Meta-Programming In Emacs Using Defadvice', 'EMACSPEAK The Complete Audio Desktop', 'Meta-Programming In Emacs Using defadvice'],
        '',
        'emacspeak.blogspot.com',
      ),
    ).toBe('Meta-Programming In Emacs Using Defadvice');
  });

  it('completes a statement the shown headline goes on from (oekologisch-bauen.info), not with the site’s name or a kicker (WDR, mdr.de)', () => {
    const shown = 'Initiative EnergieEffizienz Kostenloser Stromcheck für private Haushalte';
    expect(chooseTitle(['Initiative EnergieEffizienz - kostenloser Stromcheck | Ökologisch Bauen', shown], [shown], '', 'www.oekologisch-bauen.info')).toBe(shown);
    expect(
      chooseTitle(
        ['Feuerwehrleute sollen später in Pension', 'Feuerwehrleute sollen später in Pension - Landespolitik - Nachrichten - WDR'],
        ['Feuerwehrleute sollen später in Pension | wdr aktuell', 'Feuerwehrleute sollen später in Pension'],
        'wdr.de',
        'www1.wdr.de',
      ),
    ).toBe('Feuerwehrleute sollen später in Pension');
    expect(
      chooseTitle(
        ['Corona-Lockerungen: Autohäuser rechnen mit langsamem Anlaufen des Geschäfts | MDR.DE', 'Nach Corona-Lockerungen Autohäuser rechnen mit langsamem Anlaufen des Geschäfts'],
        ['Autohäuser rechnen mit langsamem Anlaufen des Geschäfts', 'Nach Corona-Lockerungen Autohäuser rechnen mit langsamem Anlaufen des Geschäfts'],
        '',
        'www.mdr.de',
      ),
    ).toBe('Autohäuser rechnen mit langsamem Anlaufen des Geschäfts');
  });

  it('takes the shown headline over a statement that is the page’s name in the site’s menu or breadcrumb trail (shabka.org, qualisys.eu, angelmagazin.de, fr.de)', () => {
    expect(chooseTitle(['About Us - Shabka', 'The strategic Think & Do Tank'], ['The strategic Think & Do Tank'], 'Shabka', 'shabka.org', ['About Us'])).toBe('The strategic Think & Do Tank');
    const qualisys = 'Gefahrstoffmanagement für Hersteller, Importeure und Alleinvertreter';
    expect(chooseTitle(['Gefahrstoff-Service', 'Gefahrstoff-Service - Qualisys', qualisys], [qualisys], 'Qualisys', 'www.qualisys.eu', ['Gefahrstoff-Service'])).toBe(qualisys);
    expect(chooseTitle(['Können Fische Schmerzen spüren?', 'Können Fische Schmerzen spüren / empfinden?'], ['Können Fische Schmerzen spüren / empfinden?'], 'Angelmagazin.de', 'angelmagazin.de', ['Können Fische Schmerzen spüren?'])).toBe(
      'Können Fische Schmerzen spüren / empfinden?',
    );
    // Shorter than the name, but og:title states it too (fr.de: the JSON-LD headline is the breadcrumb's <h1>).
    const fr = 'Kim Jong Un: Der Diktator ist zurück - Donald Trump ist „glücklich“';
    const crumb = 'Nordkorea: Kim Jong Un - Der Diktator ist zurück, Donald Trump ist „glücklich“';
    expect(chooseTitle([crumb, fr, `${crumb} | Politik`], [fr], 'https://www.fr.de', 'www.fr.de', [crumb])).toBe(fr);
  });

  it('keeps a statement that is the page’s menu entry when the heading is the site’s name, a shorter section or the same name (2gewinnt, a section heading)', () => {
    expect(chooseTitle(['Über uns', 'Über uns – 2gewinnt | Kabarett | Satire'], ['2gewinnt | Kabarett | Satire'], '2gewinnt | Kabarett | Satire', '2gewinnt.wordpress.com', ['Über uns'])).toBe('Über uns');
    expect(chooseTitle(['Stadtrat beschließt neuen Radweg an der Hauptstraße'], ['Lokales'], '', 'news.example', ['Stadtrat beschließt neuen Radweg an der Hauptstraße'])).toBe('Stadtrat beschließt neuen Radweg an der Hauptstraße');
    expect(chooseTitle(['Über uns - Verein'], ['Über uns'], 'Verein', 'verein.example', ['Über uns'])).toBe('Über uns');
  });

  it('reads guillemets without spaces as quotes, not separators, and cuts the site’s name in brackets (rosalux.de, neues-deutschland.de, Dagbladet)', () => {
    expect(chooseTitle(['«Wir waren fast 40 Tage in Quarantäne» - Rosa-Luxemburg-Stiftung', '«Wir waren fast 40 Tage in Quarantäne»'], ['«Wir waren fast 40 Tage in Quarantäne»'], '', 'www.rosalux.de')).toBe(
      '«Wir waren fast 40 Tage in Quarantäne»',
    );
    expect(
      chooseTitle(
        ['»Einfach kein Geld mehr, um die Miete zu zahlen« (neues deutschland)', '»Einfach kein Geld mehr, um die Miete zu zahlen«', 'Mietenstreik in den USA: »Einfach kein Geld mehr, um die Miete zu zahlen« (neues-deutschland.de)'],
        ['»Einfach kein Geld mehr, um die Miete zu zahlen«'],
        '',
        'neues-deutschland.de',
      ),
    ).toBe('»Einfach kein Geld mehr, um die Miete zu zahlen«');
    expect(chooseTitle(['«Evnukkmakeren»: Nordmann dømt til livstid', 'Nordmann dømt til livstid', '«Evnukkmakeren»: - Nordmann dømt til livstid'], ['Nordmann dømt til livstid'], 'dagbladet.no', 'www.dagbladet.no')).toBe(
      'Nordmann dømt til livstid',
    );
  });

  it('leaves no separator at either end of the headline (uniqz.de: "… | | ✂ Uniqz®", st-georg.de: "… dabei -")', () => {
    expect(chooseTitle(['Katzendecke, zweilagig mit Namen und Main Coon | | ✂ Uniqz®', 'Katzendecke, zweilagig mit Namen und Main Coon'], ['Katzendecke, zweilagig mit Namen und Main Coon'], '', 'uniqz.de')).toBe(
      'Katzendecke, zweilagig mit Namen und Main Coon',
    );
    expect(chooseTitle(['Pferdesport definitiv bei Olympia 2028 dabei -', 'Pferdesport definitiv bei Olympia 2028 dabei'], ['Pferdesport definitiv bei Olympia 2028 dabei'], 'St.GEORG', 'www.st-georg.de')).toBe(
      'Pferdesport definitiv bei Olympia 2028 dabei',
    );
    // A dash that belongs to the text stays: "-5 Grad" has no space after it.
    expect(chooseTitle(['-5 Grad in Berlin erwartet'], [], '', 'example.de')).toBe('-5 Grad in Berlin erwartet');
  });

  it('cuts a site name written after a CJK title without spaces (Xinhua "…需求-新华网", Hankook Ilbo "…-정치ㅣ한국일보")', () => {
    expect(chooseTitle(['短缺药品保供稳价 全力保障临床用药需求-新华网', '短缺药品保供稳价 全力保障临床用药需求'], ['短缺药品保供稳价 全力保障临床用药需求'], '', 'www.news.cn')).toBe('短缺药品保供稳价 全力保障临床用药需求');
    expect(chooseTitle(["장동혁, 한동훈 제명했지만… '윤 어게인' 절연 ·외연 확장 부담 커졌다-정치ㅣ한국일보"], [], '한국일보', 'www.hankookilbo.com')).toBe("장동혁, 한동훈 제명했지만… '윤 어게인' 절연 ·외연 확장 부담 커졌다");
    // A hyphen between Latin letters is part of a word.
    expect(chooseTitle(['Trump-Anwältin soll Justizministerin werden'], [], 'ORF', 'orf.at')).toBe('Trump-Anwältin soll Justizministerin werden');
  });

  it('knows a site’s name that ends with its address’s label (tageszeitung.it: "Die Neue Südtiroler Tageszeitung"), not a short label in ordinary words', () => {
    expect(chooseTitle(['„Unermüdlicher Einsatz“ - Die Neue Südtiroler Tageszeitung', '„Unermüdlicher Einsatz“ – Die Neue Südtiroler Tageszeitung', '„Unermüdlicher Einsatz“'], ['„Unermüdlicher Einsatz“'], '', 'www.tageszeitung.it')).toBe(
      '„Unermüdlicher Einsatz“',
    );
    expect(chooseTitle(['Aufbruch in die neue Welt - Die neue Welt'], [], '', 'www.welt.de')).toBe('Aufbruch in die neue Welt - Die neue Welt');
    expect(chooseTitle(['Neue Rekorde beim Marathon (2)'], [], '', 'www.marathon.de')).toBe('Neue Rekorde beim Marathon (2)');
  });

  it('keeps an ellipsis the shown headline ends with too, spelled as shown (marktplatz.die-besserwisser.org)', () => {
    expect(
      chooseTitle(['Alles hat seine Zeit...', 'Alles hat seine Zeit… | Marktplatz für ein gutes Leben', 'Marktplatz für ein gutes Leben'], ['Alles hat seine Zeit…', 'Marktplatz für ein gutes Leben'], '', 'marktplatz.die-besserwisser.org'),
    ).toBe('Alles hat seine Zeit…');
  });

  it('completes a statement cut one word short when another statement and the shown headline both go on (El Universal), not on the heading alone', () => {
    const shown = 'Senador republicano califica a Biden de "incapacitado"';
    expect(chooseTitle(['Senador republicano califica a Biden de', shown], [shown], 'El Universal', 'www.eluniversal.com')).toBe(shown);
    expect(chooseTitle(['Schneewittchen-Kuchen mit Mini-Marshmallows'], ['Schneewittchen-Kuchen mit Mini-Marshmallows Rezept'], 'lecker.de', 'www.lecker.de')).toBe('Schneewittchen-Kuchen mit Mini-Marshmallows');
  });

  it('keeps the author\'s soft hyphens in the headline and drops zero-width characters (Tages-Anzeiger)', () => {
    const og = 'Trump plant Helikopter\u00adlandeplatz – während sein Ballsaal-Projekt stockt';
    expect(chooseTitle([og, 'Trump plant Helikopterlandeplatz beim Weissen Haus'], ['Trump plant Helikopterlandeplatz beim Weissen Haus'], '', 'www.tagesanzeiger.ch')).toBe(og);
    expect(chooseTitle(['Zero\u200bwidth space in a\u2060 headline here'], [], '', 'example.com')).toBe('Zerowidth space in a headline here');
  });

  it('compares without soft hyphens or zero-width spaces', () => {
    expect(comparable('Mes­sen­ger­diens­te')).toBe('messengerdienste');
    expect(comparable('Zero\u200bwidth')).toBe('zerowidth');
  });
});

describe('headlines as the page states them', () => {
  it('decodes entities left in meta content, once or twice encoded (fr.de, WordPress)', () => {
    expect(title('<head><meta property="og:title" content="Abriss: Stadt will Halle zerst&amp;ouml;ren"></head><body></body>')).toBe('Abriss: Stadt will Halle zerstören');
    expect(title('<head><meta property="og:title" content="Kim Jong Un: Der Diktator ist zur&amp;#252;ck - Donald Trump ist&amp;#160;&amp;#8222;gl&amp;#252;cklich&amp;#8220;"></head><body></body>')).toBe(
      // (the no-break space becomes a space, as all white space in a title)
      'Kim Jong Un: Der Diktator ist zurück - Donald Trump ist „glücklich“',
    );
    expect(title(`<head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Kohberger&#8217;s lawyers &amp; the <em>roommate</em>' })}</script></head><body></body>`)).toBe('Kohberger’s lawyers & the roommate');
  });

  it('uses the single microdata headline when the other statements are only the site’s (nmb-media.de)', () => {
    expect(title('<head><title>.:: NMB-MEDIA ::.</title></head><body><h1 itemprop="headline"> Datenschutztechnische Anpassung der eBay-Verkaufsvorlagen</h1></body>', 'https://www.nmb-media.de/ebay')).toBe(
      'Datenschutztechnische Anpassung der eBay-Verkaufsvorlagen',
    );
  });

  it('reads a headline without the CSS a component library puts inside it, and its <title> over a section’s og:title (be.ch)', () => {
    const h1 =
      '<h1 data-testid="title"><style data-emotion="css umyvef">.css-umyvef{font-size:16px;display:block;}</style><span class="css-umyvef">Medienmitteilung der Gesundheits-, Sozial- und Integrationsdirektion <style data-emotion="css 1ftw2zb">.css-1ftw2zb{border:0;clip:rect(0 0 0 0);}</style><span class="css-1ftw2zb">:</span></span>Impfen und Boostern ist bis Ende Februar noch überall möglich</h1>';
    expect(title(`<html><head><meta property="og:title" content="Medienmitteilungen"><title data-testid="page-title">Impfen und Boostern ist bis Ende Februar noch überall möglich</title></head><body>${h1}</body></html>`, 'https://www.be.ch/de/start/medienmitteilungen.html')).toBe(
      'Impfen und Boostern ist bis Ende Februar noch überall möglich',
    );
    const doc = parseHTML(`<!doctype html><html><body>${h1}</body></html>`).document as unknown as Document;
    expect(readPage(doc, 'https://www.be.ch/a', classifyPage(doc, 'https://www.be.ch/a').ld, []).evidence!.headings).toEqual([
      'Medienmitteilung der Gesundheits-, Sozial- und Integrationsdirektion :Impfen und Boostern ist bis Ende Februar noch überall möglich',
    ]);
  });

  it('reads the page’s name from the menu entry or breadcrumb item marked as the current page, and a heading in the navigation (shabka.org, angelmagazin.de, fr.de)', () => {
    const body = '<p>' + 'Shabka is a think tank working on conflict and cooperation in the region. '.repeat(8) + '</p>';
    const shabka = `<head><title>About Us - Shabka</title><meta property="og:title" content="About Us - Shabka"><meta property="og:site_name" content="Shabka"></head><body><nav><ul><li><a href="https://shabka.org/about-us/" aria-current="page" class="elementor-item elementor-item-active">About Us</a></li></ul></nav><h1>The strategic Think &amp; Do Tank</h1>${body}</body>`;
    expect(title(shabka, 'https://shabka.org/about-us/')).toBe('The strategic Think & Do Tank');
    // Without the menu's mark, the statements' title stays.
    expect(title(shabka.replace(' aria-current="page"', ''), 'https://shabka.org/about-us/')).toBe('About Us');
    const doc = parseHTML(
      '<!doctype html><html><body><p class="breadcrumb"><a href="https://angelmagazin.de/ratgeber/">Ratgeber</a> » <span class="breadcrumb_last" aria-current="page">Können Fische Schmerzen spüren?</span></p><nav class="id-Breadcrumb"><h1 class="id-Breadcrumb-element-link"><span>Nordkorea: Kim Jong Un</span></h1></nav><h1>Headline</h1></body></html>',
    ).document as unknown as Document;
    expect(readPage(doc, 'https://x.example/a', classifyPage(doc, 'https://x.example/a').ld, []).evidence!.names).toEqual(['Können Fische Schmerzen spüren?', 'Nordkorea: Kim Jong Un']);
  });

  it('prefers an RDFa property to a meta name of the same key (Readability’s order)', () => {
    expect(title('<head><meta name="dc.title" content="Dublin Core name title"><meta property="dc:title" content="Dublin Core property title"></head><body></body>')).toBe('Dublin Core property title');
  });
});
