import { render } from 'preact';
import { browser } from 'wxt/browser';
import { pageStoreChannel } from '../../src/messaging/store-channel';
import { lookUp } from '../../src/results/lookup';
import { parseResultsQuery, resultsPath } from '../../src/results/query';
import { loadSettings } from '../../src/settings/settings';
import { ArticleStore } from '../../src/store';
import { ResultsApp } from '../../src/ui/results/ResultsApp';
import '../../src/ui/theme.css';
import '../../src/ui/components/related.css';
import '../../src/ui/results/results.css';

const store = new ArticleStore();
// Other contexts' writes (imports, feed refreshes, pages read) reach this page: results stay current.
store.events.connect(pageStoreChannel(browser.runtime, new URL(browser.runtime.getURL('/results.html')).origin + '/'));

render(
  <ResultsApp
    initialQuery={parseResultsQuery(location.search)}
    lookUp={(query) => lookUp(store, query)}
    loadSettings={loadSettings}
    onSearch={(query) => history.pushState(null, '', resultsPath(query))}
    onNavigate={(listener) => {
      const onPop = () => listener(parseResultsQuery(location.search));
      window.addEventListener('popstate', onPop);
      return () => window.removeEventListener('popstate', onPop);
    }}
    openOptions={() => void browser.runtime.openOptionsPage()}
    watchStore={(listener) => store.events.subscribe(listener)}
  />,
  document.getElementById('app')!,
);
