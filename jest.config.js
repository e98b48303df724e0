// Tiers are selected with --selectProjects (see Makefile): unit needs nothing, cluster needs the
// local control plane started by test/cluster/with-cluster.sh (one per jest run; each suite makes
// its own namespace with test/support/cluster.ts).
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@switchyard/(contract|sidecar|operator)$': '<rootDir>/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.base.json' }],
  },
};

export default {
  // Per-project testTimeout is ignored by jest; it must be global.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/reporters/summary.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{contract,sidecar,operator}/src/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/sidecar/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts', '<rootDir>/test/crd/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
};
