// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules over the
// extension, its tests and tools. Run by `npm run lint` (part of `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // CommonJS config files (dependency-cruiser's).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // TypeScript checks these (and knows the browser and Node globals from the project's types).
      'no-undef': 'off',
      // `_name` marks an argument or binding kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
