/**
 * Feed bytes to text. The encoding comes from, in order: a byte-order mark, the Content-Type
 * charset, the XML declaration; else UTF-8. Bytes that are not valid in the chosen encoding fall
 * back to Windows-1252 (what "ISO-8859-1" means on the web), which decodes any byte.
 */

export interface DecodedText {
  text: string;
  /** The encoding used (a TextDecoder name, e.g. "utf-8", "windows-1252"). */
  encoding: string;
  /** Where it came from. */
  source: 'bom' | 'content-type' | 'xml-declaration' | 'default' | 'fallback';
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1];
}

/** The encoding named in an XML declaration at the start of the bytes (read as ASCII). */
export function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 256));
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1];
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label.trim(), { fatal: true });
  } catch {
    return undefined; // Not an encoding TextDecoder knows.
  }
}

export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', source: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', source: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', source: 'bom' };

  const candidates: [string | undefined, DecodedText['source']][] = [
    [charsetOf(contentType), 'content-type'],
    [declaredXmlEncoding(bytes), 'xml-declaration'],
    ['utf-8', 'default'],
  ];
  for (const [label, source] of candidates) {
    const decoder = decoderFor(label);
    // UTF-16 declared in an ASCII-readable declaration is a lie: the bytes are 8-bit.
    if (decoder === undefined || (decoder.encoding.startsWith('utf-16') && source !== 'content-type')) continue;
    try {
      return { text: decoder.decode(bytes), encoding: decoder.encoding, source };
    } catch {
      // Invalid bytes for this encoding: try the next source.
    }
  }
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252', source: 'fallback' };
}
