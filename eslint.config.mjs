import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.angular', 'e2e/artifacts', 'test-results'] },
  {
    files: ['**/*.ts'],
    rules: {
      // DESIGN: server → shared, client → shared, shared → nothing.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      // Strict null checks stay on; `!` marks a row the query guarantees (e.g. INSERT … RETURNING).
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The domain core runs in browser and server alike: no framework may creep in.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@angular/*', '@nestjs/*', 'rxjs', 'rxjs/*', 'typeorm', 'pg', 'socket.io*', 'express'] },
      ],
    },
  },
];
