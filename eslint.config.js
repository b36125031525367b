// Lint rules, including the import boundaries of docs/ARCHITECTURE.md ("Module map").
// Import circles are caught by scripts/check-import-cycles.ts, which `npm run lint` runs first
// (import-x/no-cycle skips type-only imports, and the one circle this house had was half types).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const NODE_BUILTINS = { group: ['node:*'], message: 'Node built-ins are not allowed here.' }
const TFJS = { group: ['@tensorflow/*'], message: 'tfjs lives in workers/ only.' }
const LIBP2P = {
  group: ['libp2p', '@libp2p/*', '@chainsafe/*', '@multiformats/*'],
  message: 'libp2p lives in app/ and relay/ only.',
}
const REACT = { group: ['react', 'react-dom', 'react-dom/*'], message: 'React lives in app/ only.' }
const COMLINK = { group: ['comlink'], message: 'comlink lives in app/ and workers/ only.' }
const APP = { group: ['**/app/**', '../app', '../../app'], message: 'Nothing imports app/.' }
const RELAY = {
  group: ['**/relay/**', '../relay', '../../relay'],
  message: 'Nothing imports relay/.',
}
const WORKERS = { group: ['**/workers/**'], message: 'Only app/ may import types from workers/.' }

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
})

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'public/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      'patches/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.shared.json',
          './tsconfig.app.json',
          './tsconfig.workers.json',
          './tsconfig.relay.json',
          './tsconfig.tests.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(NODE_BUILTINS, TFJS, LIBP2P, REACT, COMLINK, APP, RELAY, WORKERS),
      'no-console': 'error',
    },
  },
  { files: ['workers/**/*.ts'], rules: restrict(NODE_BUILTINS, LIBP2P, REACT, APP, RELAY) },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [NODE_BUILTINS, TFJS, RELAY],
          paths: [],
        },
      ],
      // app/ may take only types from workers/: a value import would bundle the worker into the page.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workers/**'],
              allowTypeImports: true,
              message: 'app/ takes only types from workers/ (load the worker with new URL()).',
            },
          ],
        },
      ],
    },
  },
  { files: ['relay/**/*.ts'], rules: restrict(TFJS, REACT, COMLINK, APP, WORKERS) },
  {
    files: ['*.js', '*.config.ts', 'scripts/**/*.mjs', 'scripts/**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
)
