/**
 * Folders depend one way (docs/ARCHITECTURE.md, "Layers"): a module may import its own folder,
 * its layer's other folders, and lower layers — never a higher layer, and nothing in a cycle.
 * `npm run depcruise` (part of `npm test`) fails on either.
 */
const LAYERS = [
  ['shared'],
  ['record'],
  ['index'],
  ['store'],
  ['related', 'digest', 'feeds', 'ingest', 'export', 'retention', 'results', 'settings', 'detect', 'platform'],
  ['messaging'],
  ['background', 'ui'],
];
const folders = (names) => `^src/(${names.join('|')})/`;

/** The one known upward edge, until the search-engine rework lands: the store computes index terms
 * and postings keys with the engine's modules src/related/terms.ts and postings.ts (a folder cycle:
 * the rest of src/related reads the store). That work moves them to src/index/; then this goes. */
const KNOWN_STORE_TO_ENGINE = { from: '^src/store/(article-index|store)\\.ts$', to: '^src/related/(postings|terms)\\.ts$' };

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.join('-')}`,
  comment: `${layer.join(', ')} may import only ${i === 0 ? 'itself' : `itself and ${LAYERS.slice(0, i).flat().join(', ')}`}`,
  severity: 'error',
  from: { path: folders(layer), pathNot: layer.includes('store') ? KNOWN_STORE_TO_ENGINE.from : undefined },
  to: { path: `${folders(LAYERS.slice(i + 1).flat())}|^entrypoints/` },
}));
// The known edge's own rule: those store modules may reach the engine only through those two modules.
upward.push({
  name: 'no-upward-from-store-known-exception',
  comment: 'the store modules that build index keys may import src/related/{postings,terms}.ts and nothing else above the store',
  severity: 'error',
  from: { path: KNOWN_STORE_TO_ENGINE.from },
  to: { path: `${folders(LAYERS.slice(4).flat())}|^entrypoints/`, pathNot: KNOWN_STORE_TO_ENGINE.to },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle between modules (within a folder too) means the two cannot be understood apart',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'no-sideways-between-background-and-ui',
      comment: 'the background and the pages talk through messages (src/messaging) and store events, never by import',
      severity: 'error',
      from: { path: '^src/(background|ui)/' },
      to: { path: '^src/(background|ui)/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    includeOnly: '^(src|entrypoints)/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
