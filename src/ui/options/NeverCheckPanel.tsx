import { useState } from 'preact/hooks';
import { isSiteName, siteOf, withoutSite, withSite } from '../../settings/never-check';
import type { Settings } from '../../settings/settings';
import './never-check.css';

interface Props {
  sites: string[];
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
  onSaved: (settings: Settings) => void;
}

/** A typed site: a host name ("example.com") or any address on it. */
export function siteFromInput(value: string): string | null {
  const text = value.trim().toLowerCase();
  if (text === '') return null;
  if (isSiteName(text)) return text.replace(/^www\./, '');
  return siteOf(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`);
}

/** Why a typed value was not added (blank: nothing to quote). */
export function notASiteMessage(value: string): string {
  const text = value.trim();
  return text === '' ? 'Type a site name, like example.com.' : `“${text}” is not a site name: type one like example.com.`;
}

/** The sites the extension never checks ("Never check this site" in the page's menu), each with
 * Remove to undo; and a field to add one. */
export function NeverCheckPanel({ sites, saveSettings, onSaved }: Props) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string } | null>(null);

  const save = async (next: string[], text: string) => {
    onSaved(await saveSettings({ neverCheckSites: next }));
    setMessage({ kind: 'status', text });
  };
  const add = (event: Event) => {
    event.preventDefault();
    const site = siteFromInput(input);
    if (site === null) {
      setMessage({ kind: 'error', text: notASiteMessage(input) });
      return;
    }
    setInput('');
    void save(withSite(sites, site), `${site} will not be checked.`);
  };

  return (
    <section class="card" aria-labelledby="never-check-heading" data-testid="never-check-panel">
      <h2 id="never-check-heading">Sites never checked</h2>
      <p class="muted">
        On these sites (and their subdomains) pages are not read or looked up and get no badge. Add one from a page's right-click menu with “Never check this site”, or here.
      </p>
      {sites.length === 0 ? (
        <p data-testid="never-check-empty">No sites: every page is checked.</p>
      ) : (
        <ul class="site-list">
          {sites.map((site) => (
            <li key={site} data-testid="never-check-site">
              <span class="site-name">{site}</span>
              <button type="button" data-testid="never-check-remove" aria-label={`Remove ${site}: check it again`} onClick={() => void save(withoutSite(sites, site), `${site} will be checked again.`)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="site-add" onSubmit={add}>
        <label for="never-check-input">Add a site</label>
        <input id="never-check-input" data-testid="never-check-input" type="text" placeholder="example.com" autoComplete="off" value={input} onInput={(event) => setInput(event.currentTarget.value)} />
        <button type="submit">Add</button>
      </form>
      {message !== null && (
        <p class={message.kind === 'error' ? 'error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="never-check-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
