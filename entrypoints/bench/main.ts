import { exposeEngineBench } from '../../bench/pages/engine-bench-page';

// Only in the e2e build (see wxt.config.ts): the real store and engine in the extension's own
// origin, with real IndexedDB, driven from bench/engine.bench.ts.
exposeEngineBench(window);
