import { exposeEngineBench } from '../../bench/pages/engine-bench-page';

// Only in the e2e build (see wxt.config.ts): the real store and engine in the extension's own
// origin, with real IndexedDB, driven from bench/engine.bench.ts.
exposeEngineBench(window);
import { ingestBreakdown, profileCached, profileLookups, profileSampling } from '../../bench/pages/engine-bench-page';
(window as unknown as { profileCached: typeof profileCached }).profileCached = profileCached;
(window as unknown as { profileLookups: typeof profileLookups }).profileLookups = profileLookups;
(window as unknown as { ingestBreakdown: typeof ingestBreakdown }).ingestBreakdown = ingestBreakdown;
(window as unknown as { profileSampling: typeof profileSampling }).profileSampling = profileSampling;
