import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import pluginVue from 'eslint-plugin-vue';

const PROD_LIBS = ['type:lib', 'type:contracts', 'type:domain'];

// Tests may also use the testing harness; production code never does.
function boundaries(inTests) {
  const libs = inTests ? [...PROD_LIBS, 'type:testing'] : PROD_LIBS;
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: libs },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [...PROD_LIBS, 'type:testing'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: [...PROD_LIBS, 'type:testing'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: libs },
      {
        sourceTag: 'type:contracts',
        onlyDependOnLibsWithTags: ['type:domain'],
        bannedExternalImports: ['@nestjs/*', 'typeorm', '@nats-io/*', 'ioredis', 'pg'],
      },
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: [],
        bannedExternalImports: ['@nestjs/*', 'typeorm', '@nats-io/*', 'ioredis', 'pg', 'zod'],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', '.local/**', '**/*.generated.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      // Lets consistent-type-imports keep classes that Nest needs at runtime for injection.
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
    },
  },
  // apps/web: Vue single-file components, TypeScript inside.
  ...pluginVue.configs['flat/essential'].map((config) => ({
    ...config,
    files: ['apps/web/**/*.vue'],
  })),
  {
    files: ['apps/web/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['apps/web/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  prettier,
);
