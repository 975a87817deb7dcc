/** Small helpers for untrusted text: bounded length, no control characters, tidy whitespace. */

/** Windows-1252 meanings of the C1 control range: U+0080–U+009F in real files is almost always
 * text that was decoded as Latin-1 by mistake (U+0097 is an em dash). */
const CP1252_C1: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export interface CleanedText {
  text: string;
  /** Each replaced or removed character: its code point and 1-based line. */
  replaced: { codePoint: number; line: number }[];
}

/** Replaces C1 controls by their Windows-1252 characters and drops other control characters
 * (tab, newline and carriage return stay). */
export function cleanControlCharacters(input: string): CleanedText {
  const replaced: CleanedText['replaced'] = [];
  if (!CONTROL_CHARS.test(input)) return { text: input, replaced };
  CONTROL_CHARS.lastIndex = 0;
  const text = input.replace(CONTROL_CHARS, (ch, offset: number) => {
    const codePoint = ch.charCodeAt(0);
    replaced.push({ codePoint, line: lineAt(input, offset) });
    return CP1252_C1[codePoint] ?? '';
  });
  return { text, replaced };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Single-line text: whitespace collapsed, controls removed, at most `max` characters. */
export function cleanLine(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  const text = cleanControlCharacters(value).text.replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…';
}

export function codePointLabel(codePoint: number): string {
  return 'U+' + codePoint.toString(16).toUpperCase().padStart(4, '0');
}
