/**
 * The headline words many news addresses carry in their path
 * ("…/council-backs-main-street-bike-lanes.html" → "council backs main street bike lanes"):
 * what a link is about when nothing else says.
 */
export function wordsFromUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  let best: string[] = [];
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      decoded = segment;
    }
    const words = decoded
      .replace(/\.[a-z0-9]{1,5}$/i, '')
      .split(/[-_+.\s]+/)
      // Ids and dates are not words: digits-only, or long mixes of letters and digits.
      .filter((word) => /\p{L}/u.test(word) && !(word.length >= 6 && /\d/.test(word)));
    if (words.length >= 2 && words.length > best.length) best = words;
  }
  return best.join(' ').slice(0, 300);
}
