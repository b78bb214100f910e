/**
 * The layout's promises (README, "Architecture"), checked on every `npm test`:
 *   npx depcruise --config .dependency-cruiser.cjs contracts core drivers store-bus broker lane renderer host electron
 * Each rule's name is the promise; a violation prints the file, the import and the rule.
 * test/architecture.test.ts proves that each rule fires on a forbidden import.
 */
const ours = '^(contracts|core|drivers|store-bus|broker|lane|renderer|host|electron|test|bench|scripts|fixtures)/';
const tests = '(\\.test\\.tsx?$|^test/|/testing/|/testing\\.tsx?$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'contracts-import-nothing-of-ours',
      comment: 'contracts/ (types, schemas, device ports) is the floor of the house: it imports nothing of ours.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: ours, pathNot: '^contracts/' },
    },
    {
      name: 'core-imports-only-contracts',
      comment: 'core/ (clock, logger, PIN hashing) is the shared floor: it may use contracts/ only.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: ours, pathNot: '^(core|contracts)/' },
    },
    {
      name: 'drivers-do-not-know-the-lane',
      comment: 'drivers/ talk to devices; they use core/ and contracts/ only, never the lane service, the bus or the UI.',
      severity: 'error',
      from: { path: '^drivers/', pathNot: tests },
      to: { path: ours, pathNot: '^(drivers|core|contracts)/' },
    },
    {
      name: 'store-bus-is-shared-and-pure',
      comment: 'store-bus/ is used by the lane and by the browser console: core/ and contracts/ only, and no Node built-ins.',
      severity: 'error',
      from: { path: '^store-bus/', pathNot: tests },
      to: { path: ours, pathNot: '^(store-bus|core/clock\\.ts$|contracts/)' },
    },
    {
      name: 'store-bus-runs-in-the-browser',
      comment: 'store-bus/ is bundled for the attendant console: no Node built-ins.',
      severity: 'error',
      from: { path: '^store-bus/', pathNot: tests },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'brokers-use-only-the-shared-bus',
      comment: 'broker/ (Aedes, Mosquitto) uses store-bus/, core/ and contracts/ only: a broker knows nothing of a lane.',
      severity: 'error',
      from: { path: '^broker/', pathNot: tests },
      to: { path: ours, pathNot: '^(broker|store-bus|core|contracts)/' },
    },
    {
      name: 'lane-does-not-know-its-shell-or-ui',
      comment: 'lane/ (the lane service) never imports the Electron shell, the process host or the renderer.',
      severity: 'error',
      from: { path: '^lane/', pathNot: tests },
      to: { path: '^(electron|host|renderer)/' },
    },
    {
      name: 'renderer-sees-only-contracts-and-the-bus',
      comment: 'renderer/ (the browser) renders LaneView and talks to the bus: never lane/, drivers/, brokers, the host or the shell.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(lane|drivers|broker|host|electron|core)/' },
    },
    {
      name: 'host-runs-lanes-as-processes',
      comment: 'host/ (supervisor, launcher, `npm start`) starts lanes as child processes; it never imports lane/, drivers/, the renderer or the shell.',
      severity: 'error',
      from: { path: '^host/', pathNot: tests },
      to: { path: '^(lane|drivers|renderer|electron)/' },
    },
    {
      name: 'shell-uses-the-host-never-the-lane',
      comment: 'electron/ uses host/ for supervision; never lane/, drivers/, the bus or the renderer as a library.',
      severity: 'error',
      from: { path: '^electron/', pathNot: tests },
      to: { path: '^(lane|drivers|store-bus|broker|renderer)/' },
    },
    {
      name: 'preload-is-alone-in-its-sandbox',
      comment: 'The sandboxed preload is one CommonJS file: it imports contracts/shell.ts and contracts/errors.ts only.',
      severity: 'error',
      from: { path: '^electron/preload/', pathNot: tests },
      to: { path: ours, pathNot: '^(electron/preload/|contracts/(shell|errors)\\.ts$)' },
    },
    {
      name: 'main-process-and-preload-apart',
      comment: 'The Electron main process never imports the preload (and the preload rule above covers the other way).',
      severity: 'error',
      from: { path: '^electron/main/', pathNot: tests },
      to: { path: '^electron/preload/' },
    },
    {
      name: 'product-code-uses-no-test-doubles',
      comment: 'Test doubles, fakes and test helpers (test/, */testing/, testing.ts) never reach product code.',
      severity: 'error',
      from: { path: '^(contracts|core|drivers|store-bus|broker|lane|renderer|host|electron)/', pathNot: tests },
      to: { path: tests },
    },
    {
      name: 'no-cycles-between-modules',
      comment: 'Two top-level modules never import each other (a cycle means one of them is in the wrong place).',
      severity: 'error',
      from: { path: '^(contracts|core|drivers|store-bus|broker|lane|host|electron)/' },
      to: { circular: true, viaOnly: { path: '^(contracts|core|drivers|store-bus|broker|lane|host|electron)/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
