import { defineConfig } from 'wxt';

// Manifest and build settings. Entry points live in entrypoints/ and only wire modules from src/.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader can see where every name comes from.
  imports: false,
  manifest: {
    name: 'Rest of the Story',
    description:
      'See other coverage of the article you are reading, from a private store on your own machine.',
    permissions: ['storage', 'tabs'],
    action: { default_title: 'Rest of the Story' },
  },
});
