import { describe, expect, it } from 'vitest';
import { decodeEntities, plainText } from '../../../src/shared/entities';

describe('plainText: meta and JSON-LD text as a CMS meant it', () => {
  it('decodes what the DOM left encoded (double-encoded meta content), and drops inline tags', () => {
    // <meta content="zerst&amp;ouml;ren">: the DOM gives "zerst&ouml;ren"
    expect(plainText('Stadt will Halle zerst&ouml;ren')).toBe('Stadt will Halle zerstören');
    expect(plainText('R&uuml;ckbau &#8211; &#x201E;sofort&#x201C;')).toBe('Rückbau – „sofort“');
    expect(plainText('Kohberger&#8217;s <em>defense</em> &amp; the roommate')).toBe('Kohberger’s defense & the roommate');
    expect(plainText('Q&A: no entity here, a < b')).toBe('Q&A: no entity here, a < b');
  });

  it('decodes once: what was meant as an entity stays one', () => {
    expect(plainText('&amp;ouml;')).toBe('&ouml;');
    expect(decodeEntities('&amp;ouml;')).toBe('&ouml;');
  });
});
