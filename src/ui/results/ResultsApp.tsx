import { useEffect, useRef, useState } from 'preact/hooks';
import type { ResultsQuery } from '../../results/query';
import type { ResultsView } from '../../results/lookup';
import type { SearchResult } from '../../related/search';
import type { Settings } from '../../settings/settings';
import { safeHttpUrl } from '../../shared';
import type { ArticleView } from '../../store/view';
import { RelatedList } from '../components/RelatedList';
import { plural } from '../../shared/format';
import { useAsync, type AsyncState } from '../use-async';
import { useStoreRefresh, type WatchStore } from '../use-store-refresh';

export interface ResultsProps {
  /** What the page was opened for (from its address). */
  initialQuery: ResultsQuery;
  lookUp: (query: ResultsQuery) => Promise<ResultsView>;
  loadSettings: () => Promise<Settings>;
  /** A new search from the box: record it in the address (history), so Back returns. */
  onSearch: (query: ResultsQuery) => void;
  /** Back/forward: calls `listener` with the query of the address returned to. */
  onNavigate: (listener: (query: ResultsQuery) => void) => () => void;
  openOptions: () => void;
  /** Store changes made while the page is open (here or elsewhere): the results are looked up again. */
  watchStore?: WatchStore;
}


/** Results of a search or a context-menu lookup: a search box, then the items as the popup shows them. */
export function ResultsApp({ initialQuery, lookUp, loadSettings, onSearch, onNavigate, openOptions, watchStore }: ResultsProps) {
  const [query, setQuery] = useState<ResultsQuery>(initialQuery);
  const [text, setText] = useState(queryText(initialQuery));
  const [showThumbnails, setShowThumbnails] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadSettings().then((settings) => setShowThumbnails(settings.showThumbnails));
    return onNavigate((next) => {
      setQuery(next);
      setText(queryText(next));
    });
  }, [loadSettings, onNavigate]);

  const { state, reload } = useAsync(() => lookUp(query), [query, lookUp]);
  useStoreRefresh(watchStore, reload);
  useEffect(() => {
    const label = queryText(query) || hostOf(query);
    document.title = label === '' ? 'Search — Rest of the Story' : `“${label}” — Rest of the Story`;
  }, [query]);

  useEffect(() => {
    if (initialQuery.kind === 'none') input.current?.focus();
  }, [initialQuery]);

  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = text.trim();
    const next: ResultsQuery = trimmed === '' ? { kind: 'none' } : { kind: 'text', text: trimmed };
    onSearch(next);
    setQuery(next);
  };

  return (
    <div class="results-page">
      <header class="results-header">
        <p class="brand">Rest of the Story</p>
        <form role="search" class="results-search" onSubmit={submit}>
          <label for="results-q" class="visually-hidden">
            Search your stored news
          </label>
          <input
            id="results-q"
            ref={input}
            type="search"
            name="q"
            data-testid="results-search"
            placeholder="Search your stored news"
            autoComplete="off"
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <button type="submit" class="primary">
            Search
          </button>
        </form>
      </header>
      <main class="results-main" aria-live="polite" aria-busy={state.phase === 'loading'}>
        {render(state, showThumbnails, openOptions)}
      </main>
    </div>
  );
}

function queryText(query: ResultsQuery): string {
  return query.kind === 'none' ? '' : query.text;
}

function hostOf(query: ResultsQuery): string {
  return query.kind === 'link' ? (safeHttpUrl(query.url) === null ? '' : new URL(query.url).hostname) : '';
}

function render(state: AsyncState<ResultsView>, showThumbnails: boolean, openOptions: () => void) {
  if (state.phase === 'loading') return <p class="status muted">Looking in your store…</p>;
  if (state.phase === 'error') return <p class="status error">Could not read your store: {state.message}</p>;
  const view = state.value;
  switch (view.status) {
    case 'empty-store':
      return (
        <section class="empty" data-testid="results-empty-store">
          <h1>Your store is empty</h1>
          <p>Searches and related coverage come from news you keep on this computer. Import news records or subscribe to feeds to begin — nothing you read leaves your machine.</p>
          <button type="button" class="primary" onClick={openOptions}>
            Import news
          </button>
        </section>
      );
    case 'no-query':
      return (
        <section class="empty" data-testid="results-no-query">
          <h1>Search the news you keep</h1>
          <p>Type a few words — a name, a place, a company. Articles that mention them are listed newest first, with the words each one matched.</p>
        </section>
      );
    case 'search':
      if (view.items.length === 0) return <NothingFound text={view.text} />;
      return (
        <>
          <h1 class="results-heading">
            {`${plural(view.items.length, 'article', 'articles')} for “`}
            {/* The words as typed: the heading's capitals would change them (iPhone, ß). */}
            <span class="typed" dir="auto">
              {view.text}
            </span>”
          </h1>
          <SearchNotes search={view.search} />
          <RelatedList items={view.items} showThumbnails={showThumbnails} />
        </>
      );
    case 'link':
      return (
        <>
          <LinkedArticle url={view.url} text={view.text} article={view.article} />
          <h2 class="results-heading">
            {view.method === 'related'
              ? plural(view.items.length, 'related article', 'related articles')
              : `${plural(view.items.length, 'stored article mentions', 'stored articles mention')} its words`}
          </h2>
          {view.search !== undefined && <SearchNotes search={view.search} />}
          {view.items.length === 0 ? (
            <section class="empty" data-testid="results-empty">
              <h2>No related coverage in your store</h2>
              <p>None of the articles you keep covers this story yet. Search for other words above, or import more news or add feeds to widen your store.</p>
            </section>
          ) : (
            <RelatedList items={view.items} showThumbnails={showThumbnails} />
          )}
        </>
      );
  }
}

function SearchNotes({ search }: { search: SearchResult }) {
  const complete = search.hits.filter((hit) => hit.complete).length;
  const notes: string[] = [];
  if (search.missing.length > 0) notes.push(`No stored article mentions ${search.missing.map((word) => `“${word}”`).join(', ')}.`);
  if (search.hits.length > 0 && complete < search.hits.length && search.words.length - search.missing.length > 1) {
    notes.push(complete === 0 ? 'None has all the words; these have most of them.' : `${plural(complete, 'has', 'have')} all the words; the others have most of them.`);
  }
  if (search.hits.length > 0) notes.push(search.exhaustive ? 'Newest first among equally good matches.' : 'The newest matches, newest first among equally good ones.');
  return notes.length === 0 ? null : <p class="results-notes muted">{notes.join(' ')}</p>;
}

function NothingFound({ text }: { text: string }) {
  return (
    <section class="empty" data-testid="results-empty">
      <h1>Nothing in your store mentions “{text}”</h1>
      <p>Try fewer words, or other ones — a name or a place. The search covers the titles and summaries of every article you keep; import more news or add feeds to widen it.</p>
    </section>
  );
}

function LinkedArticle({ url, text, article }: { url: string; text: string; article: ArticleView | null }) {
  const href = safeHttpUrl(article?.url ?? url);
  return (
    <section class="detected" aria-label="The linked article">
      <p class="eyebrow">{article === null ? 'Not in your store' : 'Coverage of'}</p>
      <h1 class="detected-title" dir="auto" data-testid="results-subject">
        {href === null ? (
          article?.title ?? text
        ) : (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {article?.title ?? (text || url)}
          </a>
        )}
      </h1>
      {article !== null && <p class="detected-provider">{article.providerName}</p>}
    </section>
  );
}
