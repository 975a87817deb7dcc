/**
 * Deterministic news records in the format of ../shared/data/seed/ (title, excerpt, dates, URLs,
 * provider, topics, images, a related list, an opaque `secured` blob), for import tests and the
 * import benchmark. Generated, not stored: 100,000 records are ~150 MB of NDJSON.
 *
 * Each record's related list names other records of the same file (as the aggregator's lists
 * do), with the same fields they have there, so an import counts every record as imported.
 */
import { createWriteStream } from 'node:fs';

const WORDS = (
  'government minister election vote parliament court ruling judge police officers city council mayor budget tax ' +
  'economy inflation rates bank market shares investors profit losses company chief executive deal merger ' +
  'workers strike union wages hospital health patients vaccine virus cases study researchers scientists climate ' +
  'storm flood wildfire drought heat record temperatures energy power prices fuel oil gas electric cars battery ' +
  'plant factory jobs unemployment report data growth quarter annual forecast warning crisis talks agreement ' +
  'summit leaders president prime border trade tariffs exports imports china india europe africa america ' +
  'school students teachers university funding housing rents homes mortgage families children community local ' +
  'national state federal law bill reform plan proposal critics support opposition protest march crowd ' +
  'football match season coach players team league final win defeat title championship olympic athletes ' +
  'technology software startup artificial intelligence chip chips data privacy security breach hackers cyber ' +
  'launch rocket space mission satellite airline flights airport travel tourism hotel restaurant food farmers ' +
  'water supply river coast island village rural urban transport rail train bus road traffic crash safety'
).split(' ');
const NAMES = ['Alvarez', 'Chen', 'Okafor', 'Novak', 'Haddad', 'Kowalski', 'Tanaka', 'Murphy', 'Singh', 'Larsen', 'Moreau', 'Silva', 'Brennan', 'Ivanova', 'Nakamura'];
const PLACES = ['Ohio', 'Lagos', 'Sydney', 'Toronto', 'Manila', 'Dublin', 'Texas', 'Nairobi', 'Lisbon', 'Osaka', 'Chile', 'Kerala', 'Quebec', 'Bavaria', 'Arizona'];
const TOPICS = ['Politics', 'Economy', 'Health', 'Climate', 'Technology', 'AI', 'Sports', 'Education', 'Housing', 'Energy', 'Travel', 'Science', 'Crime', 'Business'];
const PROVIDERS = Array.from({ length: 60 }, (_, i) => {
  const word = WORDS[(i * 37) % WORDS.length]!;
  return { name: `The ${word[0]!.toUpperCase()}${word.slice(1)} ${['Times', 'Herald', 'Post', 'Tribune', 'Daily', 'Observer'][i % 6]}`, domain: `${word}${['times', 'herald', 'post', 'tribune', 'daily', 'observer'][i % 6]}${i}.example.com` };
});
const SECURED_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A small fast PRNG (mulberry32): the same seed always gives the same sequence in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, list: readonly T[]): T {
  // Squared: some words are much more common than others, as in real text.
  return list[Math.floor(next() ** 2 * list.length)]!;
}

function words(next: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(i % 7 === 3 ? pick(next, NAMES) : i % 9 === 5 ? pick(next, PLACES) : pick(next, WORDS));
  return out.join(' ');
}

interface RecordCore {
  title: string;
  excerpt: string;
  publishedDateTime: string;
  webUrl: string;
  type: 'article';
  provider: { name: string; domain: string };
  quality: number;
  images: { url: string; width: number; height: number; isCached: boolean }[];
}

function core(index: number): RecordCore {
  const next = random(index * 7919 + 17);
  const provider = pick(next, PROVIDERS);
  const title = words(next, 7 + Math.floor(next() * 8));
  const excerpt = `${words(next, 22 + Math.floor(next() * 24))}.`;
  // Spread over two years, newest last.
  const published = Date.UTC(2024, 0, 1) + Math.floor(index * 600_000 + next() * 3_600_000);
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
  return {
    title: `${title[0]!.toUpperCase()}${title.slice(1)}`,
    excerpt: `${excerpt[0]!.toUpperCase()}${excerpt.slice(1)}`,
    publishedDateTime: new Date(published).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    webUrl: `https://www.${provider.domain}/news/${index}/${slug}.html`,
    type: 'article',
    provider,
    quality: 30 + Math.floor(next() * 60),
    images: [{ url: `https://img.${provider.domain}/${index}.jpg`, width: 1280, height: 720, isCached: true }],
  };
}

/** Record `index` of a file of `total` records, as the plain object an NDJSON line holds. */
export function generatedRecord(index: number, total: number): Record<string, unknown> {
  const next = random(index * 104729 + 3);
  const record = core(index);
  const related: RecordCore[] = [];
  const relatedCount = Math.floor(next() * 3); // 0, 1 or 2, like the seed's lists
  for (let r = 0; r < relatedCount && total > 1; r++) {
    const other = (index + 1 + Math.floor(next() * Math.min(total - 1, 500))) % total;
    if (other !== index) related.push(core(other));
  }
  let secured = '';
  for (let i = 0; i < 200; i++) secured += SECURED_ALPHABET[Math.floor(next() * 64)];
  return {
    category: 'news',
    ...record,
    originalUrl: record.webUrl,
    heat: Math.floor(next() * 100),
    published: true,
    topics: [pick(next, TOPICS), pick(next, TOPICS)].filter((topic, i, all) => all.indexOf(topic) === i),
    related,
    secured,
  };
}

/** Writes `count` generated records as NDJSON to `path`; resolves with the file's size in bytes. */
export async function writeGeneratedNdjson(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += JSON.stringify(generatedRecord(i, count)) + '\n';
    if (chunk.length > 1 << 20 || i === count - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return bytes;
}
