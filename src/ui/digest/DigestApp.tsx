import { useEffect, useState } from 'preact/hooks';
import type { Digest, DigestStory, ReadUpdate } from '../../digest/digest';
import type { DigestMode } from '../../settings/settings';
import { safeHttpUrl } from '../../shared';
import { CoverageTimeline } from '../components/CoverageTimeline';
import { OutletStrip } from '../components/OutletStrip';
import { Thumbnail } from '../components/Thumbnail';
import { formatCount, fullDate, plural, relativeTime } from '../../shared/format';
import { errorMessage } from '../../shared/errors';
import type { StoreStatus } from '../../messaging/protocol';
import { describeStoreStatus } from '../store-status';

export interface DigestProps {
  /** The digest shown last time (kept by the page), drawn at once; null the first time. */
  initial: Digest | null;
  mode: DigestMode;
  showThumbnails: boolean;
  /** The digest for the store as it is now (from the background). */
  loadDigest: () => Promise<Digest>;
  onDigest: (digest: Digest) => void;
  /** The store's status (said while the digest does not come: an upgrade under way). */
  loadStatus?: () => Promise<StoreStatus>;
  /** Where a search goes (the results page). */
  searchUrl: (text: string) => string;
  optionsUrl: string;
  now?: number;
}

export function DigestApp(props: DigestProps) {
  const [digest, setDigest] = useState<Digest | null>(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<string | null>(null);
  // Whether what is on screen is the store's answer or only the copy kept from last time (which a
  // rebuild may change: said to assistive technology with aria-busy, and to tests).
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    if (props.mode === 'minimal') return;
    let done = false;
    let statusTimer: ReturnType<typeof setTimeout> | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    // No answer within a moment: ask what the store is waiting for, and say it until the digest comes.
    const pollStatus = (): void => {
      statusTimer = setTimeout(() => {
        if (done || props.loadStatus === undefined) return;
        void props
          .loadStatus()
          .then((status) => !done && setWaiting(describeStoreStatus(status)))
          .catch(() => undefined)
          .finally(() => !done && pollStatus());
      }, 700);
    };
    // A failed request (the worker stopped, the store was being upgraded) is tried again.
    const load = (): void => {
      props
        .loadDigest()
        .then((fresh) => {
          done = true;
          setWaiting(null);
          setError(null);
          setDigest(fresh);
          setFresh(true);
          props.onDigest(fresh);
        })
        .catch((e: unknown) => {
          if (done) return;
          setError(errorMessage(e));
          retryTimer = setTimeout(load, 2_000);
        });
    };
    pollStatus();
    load();
    return () => {
      done = true;
      clearTimeout(statusTimer);
      clearTimeout(retryTimer);
    };
  }, []);

  // One header for both modes, the same as the page's static shell (newtab/index.html), so the
  // first paint already has the search box where it stays.
  const minimal = props.mode === 'minimal';
  return (
    <div class={minimal ? 'digest digest-minimal' : 'digest'} data-state={fresh ? 'fresh' : 'kept'}>
      <header class="digest-header">
        <h1 class="brand">Rest of the Story</h1>
        <SearchBox searchUrl={props.searchUrl} />
        {minimal ? <p class="store-stats" /> : <StoreStats digest={digest} optionsUrl={props.optionsUrl} />}
      </header>
      {minimal ? (
        <main class="digest-main">
          <Clock now={props.now} />
        </main>
      ) : (
        <main class="digest-main" aria-busy={!fresh}>
        {waiting !== null && (
          <p class="store-waiting" role="status" data-testid="store-waiting">
            {waiting}
          </p>
        )}
        {error !== null && digest === null && <p class="error" role="alert">Could not read your store (trying again): {error}</p>}
        {digest === null ? <Skeleton /> : digest.articles === 0 ? <FirstRun optionsUrl={props.optionsUrl} /> : <Stories digest={digest} showThumbnails={props.showThumbnails} now={props.now} />}
        </main>
      )}
    </div>
  );
}

function SearchBox({ searchUrl }: { searchUrl: (text: string) => string }) {
  return (
    <form
      class="digest-search"
      role="search"
      action="results.html"
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        const text = new FormData(event.currentTarget).get('q');
        if (typeof text === 'string' && text.trim() !== '') location.assign(searchUrl(text.trim()));
      }}
    >
      <label class="visually-hidden" for="digest-search-input">
        Search your store
      </label>
      <input id="digest-search-input" name="q" type="search" data-testid="digest-search" placeholder="Search your store…" autocomplete="off" />
      <button type="submit">Search</button>
    </form>
  );
}

function StoreStats({ digest, optionsUrl }: { digest: Digest | null; optionsUrl: string }) {
  return (
    <p class="store-stats" data-testid="digest-stats">
      {digest === null ? (
        <span class="muted">Reading your store…</span>
      ) : (
        <>
          <strong>{formatCount(digest.articles)}</strong> articles stored
          {digest.lastFilledAt !== undefined && <span class="muted"> · last filled {relativeTime(digest.lastFilledAt)}</span>}
          {' · '}
          <a href={optionsUrl}>Import and feeds</a>
        </>
      )}
    </p>
  );
}

function FirstRun({ optionsUrl }: { optionsUrl: string }) {
  return (
    <section class="first-run" data-testid="digest-first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">Your news, gathered into stories — once there is some</h2>
      <p>
        This page shows the top stories in the news you keep on this computer: each story once, with how many outlets covered it and when. Import news
        records or subscribe to the feeds of outlets you read to begin. Nothing leaves your machine.
      </p>
      <p class="row">
        <a class="button primary" href={`${optionsUrl}#import`}>
          Import news
        </a>
        <a class="button" href={`${optionsUrl}#feeds`}>
          Subscribe to feeds
        </a>
      </p>
    </section>
  );
}

const DAY = 86_400_000;

/** Marks (once) when the first story is on screen, for the benchmark and tests. */
function useFirstStoryMark(): void {
  useEffect(() => {
    if (performance.getEntriesByName('digest-first-story').length > 0) return;
    requestAnimationFrame(() => performance.mark('digest-first-story'));
  }, []);
}

function Stories({ digest, showThumbnails, now }: { digest: Digest; showThumbnails: boolean; now?: number | undefined }) {
  useFirstStoryMark();
  const current = Math.abs((now ?? Date.now()) - digest.anchor) < 2 * DAY;
  const todayHeading = current ? "Today's top stories" : `Latest in your store: ${new Date(digest.anchor).toLocaleDateString(undefined, { dateStyle: 'long' })}`;
  const weekHeading = current ? 'This week' : `The week before (${new Date(digest.windowStart).toLocaleDateString(undefined, { dateStyle: 'medium' })} – ${new Date(digest.anchor).toLocaleDateString(undefined, { dateStyle: 'medium' })})`;
  return (
    <>
      {digest.today.length > 0 && (
        <section aria-labelledby="today-heading">
          <h2 id="today-heading" class="section-heading">
            {todayHeading}
          </h2>
          <div class="story-grid">
            {digest.today.map((story) => (
              <StoryCard key={story.id} story={story} showThumbnails={showThumbnails} now={now} />
            ))}
          </div>
        </section>
      )}
      {digest.readUpdates.length > 0 && <ReadUpdates updates={digest.readUpdates} now={now} />}
      {digest.week.length > 0 && (
        <section aria-labelledby="week-heading">
          <h2 id="week-heading" class="section-heading">
            {weekHeading}
          </h2>
          {digest.week.map((group) => (
            <section key={group.topic} class="topic" aria-label={group.topic}>
              <h3 class="topic-heading">{group.topic}</h3>
              <div class="story-grid">
                {group.stories.map((story) => (
                  <StoryCard key={story.id} story={story} showThumbnails={showThumbnails} now={now} />
                ))}
              </div>
            </section>
          ))}
        </section>
      )}
      {digest.today.length === 0 && digest.week.length === 0 && (
        <p class="muted empty-week">No stories in the last week of your store. Older news stays searchable above.</p>
      )}
    </>
  );
}

function StoryCard({ story, showThumbnails, now }: { story: DigestStory; showThumbnails: boolean; now?: number | undefined }) {
  const { best } = story;
  const href = safeHttpUrl(best.url);
  return (
    <article class="story-card" data-testid="digest-story">
      <div class="story-top">
        <Thumbnail image={best.image} label={best.providerName} load={showThumbnails} />
        <div class="story-main">
          <h4 class="story-title" dir="auto" lang={best.lang}>
            {href === null ? (
              best.title
            ) : (
              <a href={href} rel="noopener noreferrer">
                {best.title}
              </a>
            )}
          </h4>
          <p class="story-meta">
            <span class="provider" dir="auto">
              {best.providerName}
            </span>
            {best.publishedAt !== undefined && (
              <time dateTime={new Date(best.publishedAt).toISOString()} title={fullDate(best.publishedAt)}>
                {relativeTime(best.publishedAt, now)}
              </time>
            )}
          </p>
        </div>
      </div>
      {best.excerpt !== '' && (
        <p class="story-excerpt" dir="auto" lang={best.lang}>
          {best.excerpt}
        </p>
      )}
      <div class="story-coverage">
        <p class="story-count">{plural(story.outlets.length, 'outlet', 'outlets')}</p>
        <OutletStrip outlets={story.outlets} max={7} />
        <CoverageTimeline times={story.times} />
      </div>
    </article>
  );
}

function ReadUpdates({ updates, now }: { updates: ReadUpdate[]; now?: number | undefined }) {
  return (
    <section aria-labelledby="updates-heading" class="read-updates">
      <h2 id="updates-heading" class="section-heading">
        Stories you read that have new coverage
      </h2>
      <ul>
        {updates.map((update) => {
          const href = safeHttpUrl(update.article.url);
          return (
            <li key={update.article.id} data-testid="digest-read-update">
              <p class="read-title">
                {href === null ? (
                  <span dir="auto" lang={update.article.lang}>{update.article.title}</span>
                ) : (
                  <a dir="auto" lang={update.article.lang} href={href} rel="noopener noreferrer">
                    {update.article.title}
                  </a>
                )}
                <span class="muted"> · read {relativeTime(update.readAt, now)}</span>
              </p>
              <p class="read-new">
                {plural(update.newCount, 'new article', 'new articles')}:{' '}
                {update.newItems.map((item, i) => {
                  const itemHref = safeHttpUrl(item.article.url);
                  return (
                    <span key={item.article.id}>
                      {i > 0 && ' · '}
                      {itemHref === null ? (
                        <span dir="auto" lang={item.article.lang}>{item.article.title}</span>
                      ) : (
                        <a dir="auto" lang={item.article.lang} href={itemHref} rel="noopener noreferrer">
                          {item.article.title}
                        </a>
                      )}
                      <span class="muted"> ({item.article.providerName})</span>
                    </span>
                  );
                })}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The page's shape before the digest arrives: same boxes, so nothing moves when it does. */
function Skeleton() {
  return (
    <section aria-busy="true" aria-label="Loading stories">
      <h2 class="section-heading muted">Top stories</h2>
      <div class="story-grid">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} class="story-card skeleton" />
        ))}
      </div>
    </section>
  );
}

function Clock({ now }: { now?: number | undefined }) {
  const [time, setTime] = useState(now ?? Date.now());
  useEffect(() => {
    const timer = setInterval(() => setTime(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Date(time);
  return (
    <div class="clock" role="timer" aria-live="off">
      <p class="clock-time">{date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}</p>
      <p class="clock-date">{date.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric' })}</p>
    </div>
  );
}
