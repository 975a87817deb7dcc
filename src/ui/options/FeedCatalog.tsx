import { useEffect, useState } from 'preact/hooks';
import type { CatalogEntry } from '../../feeds/catalog';
import type { FeedsApi } from './feeds-api';
import { normaliseAddress } from './feed-text';

/** The editable list of well-known outlets: nothing is fetched until the user subscribes to one. */
export function FeedCatalog({ api, subscribed, disabled, onSubscribe }: { api: FeedsApi; subscribed: Set<string>; disabled: boolean; onSubscribe: (url: string, title?: string) => void }) {
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void api.loadCatalog().then(setEntries), [api]);
  if (entries === null) return null;

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    const address = normaliseAddress(url);
    if (address === null) {
      setError('Enter the feed address, starting with http:// or https://.');
      return;
    }
    setError(null);
    setEntries(await api.saveCatalog([...entries, { name: name.trim() || new URL(address).hostname, url: address }]));
    setName('');
    setUrl('');
  };

  return (
    <details class="catalog" data-testid="feed-catalog">
      <summary>Well-known news outlets</summary>
      <p class="muted">A starting point you can edit. Nothing here is contacted until you subscribe.</p>
      <ul class="catalog-list">
        {entries.map((entry) => (
          <li key={entry.url}>
            <span class="catalog-name">{entry.name}</span>
            <span class="muted feed-url">{entry.url}</span>
            <span class="catalog-actions">
              <button type="button" disabled={disabled || subscribed.has(entry.url)} onClick={() => onSubscribe(entry.url, entry.name)} aria-label={`Subscribe to ${entry.name}`}>
                {subscribed.has(entry.url) ? 'Subscribed' : 'Subscribe'}
              </button>
              <button type="button" onClick={() => void api.saveCatalog(entries.filter((e) => e.url !== entry.url)).then(setEntries)} aria-label={`Remove ${entry.name} from this list`}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form class="catalog-add" onSubmit={(event) => void add(event)}>
        <label>
          Name <input type="text" value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label>
          Feed address <input type="text" inputMode="url" value={url} onInput={(event) => setUrl(event.currentTarget.value)} />
        </label>
        <button type="submit">Add to list</button>
        <button type="button" onClick={() => void api.restoreCatalog().then(setEntries)}>
          Restore the defaults
        </button>
      </form>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
