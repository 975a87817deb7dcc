import { render } from 'preact';
import { browser } from 'wxt/browser';
import { readKeptDigest, readKeptPageSettings, keepDigest, keepPageSettings } from '../../src/ui/digest/kept';
import { sendRequest } from '../../src/messaging/client';
import { resultsPath } from '../../src/results/query';
import { loadSettings } from '../../src/settings/settings';
import { DigestApp } from '../../src/ui/digest/DigestApp';
import '../../src/ui/theme.css';
import '../../src/ui/components/related.css';
import '../../src/ui/digest/digest.css';

// Layout shift while the page fills in, for the benchmark and tests (a few bytes of bookkeeping).
const shifts = { value: 0 };
(window as unknown as { layoutShift: number }).layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
    if (!entry.hadRecentInput) shifts.value += entry.value;
  }
  (window as unknown as { layoutShift: number }).layoutShift = shifts.value;
}).observe({ type: 'layout-shift', buffered: true });

// Drawn from what this page kept last time (synchronously, before the first paint); the fresh
// digest and settings replace it a moment later without moving anything.
const kept = readKeptPageSettings();
const app = document.getElementById('app')!;
const draw = (mode: typeof kept.digestMode, showThumbnails: boolean): void =>
  render(
    <DigestApp
      initial={readKeptDigest()}
      mode={mode}
      showThumbnails={showThumbnails}
      loadDigest={() => sendRequest({ type: 'get-digest' })}
      loadStatus={() => sendRequest({ type: 'store-status' })}
      onDigest={keepDigest}
      searchUrl={(text) => browser.runtime.getURL(resultsPath({ kind: 'text', text }))}
      optionsUrl={browser.runtime.getURL('/options.html')}
    />,
    app,
  );
draw(kept.digestMode, kept.showThumbnails);

void loadSettings().then((settings) => {
  keepPageSettings({ digestMode: settings.digestMode, showThumbnails: settings.showThumbnails });
  if (settings.digestMode !== kept.digestMode || settings.showThumbnails !== kept.showThumbnails) {
    render(null, app);
    draw(settings.digestMode, settings.showThumbnails);
  }
});
