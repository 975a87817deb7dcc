import type { TabView } from '../../messaging/protocol';
import type { Settings } from '../../settings/settings';
import type { RelatedItem } from '../../related/types';
import { OutletStrip } from '../components/OutletStrip';
import { RelatedList } from '../components/RelatedList';
import { plural } from '../../shared/format';
import { useAsync, type AsyncState } from '../use-async';
import { useStoreRefresh, type WatchStore } from '../use-store-refresh';

export interface PopupProps {
  /** Loads the view for the popup's tab (from the background). */
  loadView: () => Promise<TabView>;
  loadSettings: () => Promise<Settings>;
  /** Opens the options page (import, feeds). */
  openOptions: () => void;
  /** Store changes made elsewhere while the popup is open: the view is loaded again. */
  watchStore?: WatchStore;
}

type State = AsyncState<{ view: TabView; settings: Settings }>;

export function PopupApp({ loadView, loadSettings, openOptions, watchStore }: PopupProps) {
  const { state, reload } = useAsync(async () => {
    const [view, settings] = await Promise.all([loadView(), loadSettings()]);
    return { view, settings };
  }, [loadView, loadSettings]);
  useStoreRefresh(watchStore, reload);

  return (
    <div class="popup">
      <header class="popup-header">
        <h1 class="brand">Rest of the Story</h1>
        <button type="button" class="icon-button" onClick={openOptions} aria-label="Open settings and import">
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path fill="currentColor" d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.8 1.7 1L11 21h4l.4-2.9c.6-.2 1.2-.6 1.7-1l2.5 1 2-3.5L19.4 13ZM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z" transform="translate(-1 0)" />
          </svg>
        </button>
      </header>
      <main aria-live="polite">{render(state, openOptions)}</main>
    </div>
  );
}

function render(state: State, openOptions: () => void) {
  if (state.phase === 'loading') return <p class="status muted">Looking in your store…</p>;
  if (state.phase === 'error') return <p class="status error">Could not read your store: {state.message}</p>;
  const { view, settings } = state.value;
  switch (view.status) {
    case 'empty-store':
      return (
        <>
          {view.page !== null && <DetectedArticle title={view.page.title} lang={view.titleLang} provider={view.page.siteName} />}
          <section class="empty" data-testid="empty-first-run">
            <h2>Your store is empty</h2>
            <p>Related coverage comes from news you keep on this computer. Import news records or subscribe to feeds to begin — nothing you read leaves your machine.</p>
            <button type="button" class="primary" onClick={openOptions}>
              Import news
            </button>
          </section>
        </>
      );
    case 'not-article':
      return (
        <section class="empty" data-testid="empty-not-article">
          <h2>Not an article</h2>
          <p>This page doesn't look like a news article, so there is nothing to look up. Open an article to see its related coverage.</p>
        </section>
      );
    case 'article':
      return (
        <>
          <DetectedArticle title={view.stored?.title ?? view.page.title} lang={view.titleLang} provider={view.stored?.providerName ?? view.page.siteName} />
          {view.items.length === 0 ? (
            <section class="empty" data-testid="empty-no-related">
              <h2>No related coverage in your store</h2>
              <p>None of the articles you keep covers this story yet. Import more news or add feeds to widen your store.</p>
            </section>
          ) : (
            <section aria-labelledby="related-heading">
              <h2 id="related-heading" class="section-title">
                {plural(view.items.length, 'related article', 'related articles')}
              </h2>
              <div class="coverage-strip" data-testid="outlet-strip">
                <OutletStrip outlets={outletsOf(view.items)} max={12} />
              </div>
              <RelatedList items={view.items} showThumbnails={settings.showThumbnails} />
            </section>
          )}
        </>
      );
  }
}

function DetectedArticle({ title, lang, provider }: { title: string; lang?: string | undefined; provider?: string | undefined }) {
  return (
    <section class="detected" aria-label="The article you are reading">
      <p class="eyebrow">You are reading</p>
      <h2 class="detected-title" dir="auto" lang={lang} data-testid="detected-title">
        {title}
      </h2>
      {provider !== undefined && provider !== '' && (
        <p class="detected-provider" dir="auto">
          {provider}
        </p>
      )}
    </section>
  );
}

/** Every outlet among the items (and their syndicated copies), once each. */
function outletsOf(items: RelatedItem[]): { name: string; domain: string }[] {
  const outlets: { name: string; domain: string }[] = [];
  for (const item of items) {
    for (const outlet of [{ name: item.article.providerName, domain: item.article.domain }, ...item.alsoIn]) {
      if (!outlets.some((o) => o.domain === outlet.domain)) outlets.push({ name: outlet.name, domain: outlet.domain });
    }
  }
  return outlets;
}
