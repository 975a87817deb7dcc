import { useEffect, useState } from 'preact/hooks';
import type { RetentionReport } from '../../retention/report';
import { policyOf, samePolicy, type RetentionPolicy } from '../../retention/select';
import type { RetentionMode, Settings } from '../../settings/settings';
import { formatCount, fullDate, plural } from '../../shared/format';
import type { StoreApi } from './store-api';

interface Props {
  settings: Settings;
  saveSettings: (patch: Partial<Settings>) => Promise<Settings>;
  onSaved: (settings: Settings) => void;
  api: StoreApi;
}

/** The ranges settings accept (src/settings/settings.ts); out of range is an error here, never a silent default. */
export const RETENTION_LIMITS = { days: [1, 36_500], count: [100, 10_000_000] } as const;

interface Draft {
  mode: RetentionMode;
  days: string;
  count: string;
}

type Preview = { deletes: number; keptRead: number } | 'working' | null;

/** How much the store keeps: everything, the last N days, or the newest N articles. */
export function RetentionPanel({ settings, saveSettings, onSaved, api }: Props) {
  const saved = policyOf(settings);
  const [draft, setDraft] = useState<Draft>({ mode: saved.mode, days: String(saved.days), count: String(saved.count) });
  const [preview, setPreview] = useState<Preview>(null);
  const [report, setReport] = useState<RetentionReport | null>(null);
  const [appliedAt, setAppliedAt] = useState<number | null>(null);

  const days = wholeNumber(draft.days, RETENTION_LIMITS.days);
  const count = wholeNumber(draft.count, RETENTION_LIMITS.count);
  const invalid = (draft.mode === 'days' && days === null) || (draft.mode === 'count' && count === null);
  const policy: RetentionPolicy = { mode: draft.mode, days: days ?? saved.days, count: count ?? saved.count };
  const changed = !samePolicy(policy, saved);

  useEffect(() => {
    void api.loadRetentionReport().then(setReport);
    return api.watchRetentionReport(setReport);
  }, [api]);

  // What applying would delete now: counted from the store while the user decides.
  useEffect(() => {
    if (invalid || !changed || policy.mode === 'off') {
      setPreview(null);
      return;
    }
    let current = true;
    setPreview('working');
    const timer = setTimeout(() => {
      void api.previewRetention(policy).then((result) => current && setPreview(result), () => current && setPreview(null));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [policy.mode, policy.days, policy.count, invalid, changed, api]);

  const apply = async (): Promise<void> => {
    setAppliedAt(Date.now());
    onSaved(await saveSettings({ retentionMode: policy.mode, retentionDays: policy.days, retentionCount: policy.count }));
  };

  const pending = appliedAt !== null && settings.retentionMode !== 'off' && (report === null || report.at < appliedAt);
  const choose = (mode: RetentionMode) => () => setDraft((d) => ({ ...d, mode }));

  return (
    <section class="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">How much to keep</h2>
      <fieldset class="choices">
        <legend>Keep in the store</legend>
        <label class="choice">
          <input type="radio" name="retention" value="off" checked={draft.mode === 'off'} onChange={choose('off')} />
          <span>Everything</span>
        </label>
        <div class="choice">
          <input type="radio" name="retention" value="days" id="keep-days" aria-labelledby="keep-days-a keep-days-n keep-days-b" checked={draft.mode === 'days'} onChange={choose('days')} />
          <label id="keep-days-a" for="keep-days">
            Articles from the last
          </label>
          <input
            id="keep-days-n"
            class="number"
            type="number"
            inputMode="numeric"
            min={RETENTION_LIMITS.days[0]}
            max={RETENTION_LIMITS.days[1]}
            step={1}
            aria-label="Days to keep"
            aria-invalid={draft.mode === 'days' && days === null}
            aria-describedby={draft.mode === 'days' && days === null ? 'retention-error' : undefined}
            value={draft.days}
            onFocus={choose('days')}
            onInput={(event) => setDraft((d) => ({ ...d, mode: 'days', days: event.currentTarget.value }))}
          />
          <span id="keep-days-b">days</span>
        </div>
        <div class="choice">
          <input type="radio" name="retention" value="count" id="keep-count" aria-labelledby="keep-count-a keep-count-n keep-count-b" checked={draft.mode === 'count'} onChange={choose('count')} />
          <label id="keep-count-a" for="keep-count">
            The newest
          </label>
          <input
            id="keep-count-n"
            class="number wide"
            type="number"
            inputMode="numeric"
            min={RETENTION_LIMITS.count[0]}
            max={RETENTION_LIMITS.count[1]}
            step={1}
            aria-label="Articles to keep"
            aria-invalid={draft.mode === 'count' && count === null}
            aria-describedby={draft.mode === 'count' && count === null ? 'retention-error' : undefined}
            value={draft.count}
            onFocus={choose('count')}
            onInput={(event) => setDraft((d) => ({ ...d, mode: 'count', count: event.currentTarget.value }))}
          />
          <span id="keep-count-b">articles</span>
        </div>
      </fieldset>
      <p class="muted hint">
        Articles you have read are always kept: your reading history is yours, and only “Delete all articles” removes it. Older articles are deleted when you
        apply this, after imports and feed refreshes, and once a day.
      </p>
      {invalid && (
        <p class="error" id="retention-error" role="alert">
          {draft.mode === 'days'
            ? `Days: a whole number from ${formatCount(RETENTION_LIMITS.days[0])} to ${formatCount(RETENTION_LIMITS.days[1])}.`
            : `Articles: a whole number from ${formatCount(RETENTION_LIMITS.count[0])} to ${formatCount(RETENTION_LIMITS.count[1])}.`}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" data-testid="retention-apply" disabled={invalid || !changed} onClick={() => void apply()}>
          Apply
        </button>
        <span class="muted" data-testid="retention-preview" aria-live="polite">
          {preview === 'working' && 'Counting what this would delete…'}
          {preview !== null && preview !== 'working' && previewText(preview, policy)}
        </span>
      </div>
      <p role="status" data-testid="retention-report">
        {pending ? 'Pruning…' : settings.retentionMode !== 'off' && report !== null ? reportText(report) : ''}
      </p>
    </section>
  );
}

function wholeNumber(text: string, [min, max]: readonly [number, number]): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

/** "older than 30 days" / "beyond the newest 10,000". */
export function policyText(policy: RetentionPolicy): string {
  return policy.mode === 'days' ? `older than ${plural(policy.days, 'day', 'days')}` : `beyond the newest ${formatCount(policy.count)}`;
}

function previewText(preview: { deletes: number; keptRead: number }, policy: RetentionPolicy): string {
  const kept = preview.keptRead > 0 ? ` (${plural(preview.keptRead, 'article', 'articles')} you read will be kept)` : '';
  if (preview.deletes === 0) return `Nothing would be deleted now${kept}.`;
  return `Applying deletes ${plural(preview.deletes, 'article', 'articles')} ${policyText(policy)} now${kept}.`;
}

/** "Pruned 1,234 articles older than 30 days — 12 you read were kept · 1 June 2024, 10:32". */
export function reportText(report: RetentionReport): string {
  const what = report.deleted === 0 ? 'Nothing to prune' : `Pruned ${plural(report.deleted, 'article', 'articles')} ${policyText(report.policy)}`;
  const kept = report.keptRead > 0 ? ` — ${plural(report.keptRead, 'article', 'articles')} you read kept` : '';
  const failed = report.error !== undefined ? ` — stopped: ${report.error}` : '';
  return `${what}${kept}${failed} · ${fullDate(report.at)}`;
}
