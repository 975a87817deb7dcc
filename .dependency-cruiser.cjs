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
  ['background', 'ui', 'import-worker'],
];
const folders = (names) => `^src/(${names.join('|')})/`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.join('-')}`,
  comment: `${layer.join(', ')} may import only ${i === 0 ? 'itself' : `itself and ${LAYERS.slice(0, i).flat().join(', ')}`}`,
  severity: 'error',
  from: { path: folders(layer) },
  to: { path: `${folders(LAYERS.slice(i + 1).flat())}|^entrypoints/` },
}));

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
