import nx from '@nx/eslint-plugin';

/**
 * Issue 15, DESIGN: a server capability talks to another through its service, never its repository
 * (`*-records.ts`, where its SQL and row types live). These are the imports of another capability's
 * repository left on main, file by file; each should become a call to the owner's service, and the
 * list may only shrink (a new one fails lint).
 */
const RECORDS_IMPORTED_ACROSS = {
  'server/src/alerts/alerts.service.ts': ['../projects/project-records'],
  'server/src/approvals/approvals.service.ts': ['../projects/project-records'],
  'server/src/card/project-steps.ts': ['../projects/project-records'],
  'server/src/deadlines/deadline-recompute.ts': ['../projects/project-records'],
  'server/src/projects/project-records.ts': ['../materials/material-records'],
};
const escape = (path) => path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const noForeignRecords = (allowed = []) => [
  'error',
  {
    patterns: [
      {
        regex: `^${allowed.map((path) => `(?!${escape(path)}$)`).join('')}(\\.\\./)+[a-z-]+/[a-z-]+-records$`,
        message: "Another capability's repository: call its service instead (DESIGN, issue 15).",
      },
    ],
  },
];

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
  { files: ['server/src/**/*.ts'], rules: { 'no-restricted-imports': noForeignRecords() } },
  ...Object.entries(RECORDS_IMPORTED_ACROSS).map(([file, allowed]) => ({
    files: [file],
    rules: { 'no-restricted-imports': noForeignRecords(allowed) },
  })),
];
