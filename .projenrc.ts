import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kubevirt',
  packageName: 'cdk8s-kubevirt',
  description: 'Typed cdk8s constructs that synthesize KubeVirt VirtualMachines, CDI DataVolumes and their companions at build time.',
  // The project's GitHub organization, not a personal address: issues and pull requests are the contact.
  author: 'cdk8s-kubevirt maintainers',
  authorAddress: 'https://github.com/cdk8s-kubevirt',
  authorOrganization: true,
  repositoryUrl: 'https://github.com/cdk8s-kubevirt/cdk8s-kubevirt.git',
  homepage: 'https://github.com/cdk8s-kubevirt/cdk8s-kubevirt#readme',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  projenVersion: '0.103.25',

  // Versions: see ../shared/TOOLCHAIN.md. The peer ranges start at the oldest versions the package test
  // (test/package.test.ts, `npx projen test:package`) installs the tarball with and synthesizes every example
  // from, byte-identically: cdk8s 2.68.12 and constructs 10.3.0 (cdk8s-plus-28's own peer floor is
  // cdk8s ^2.68.11 and constructs ^10.3.0; 2.68.11 is not on the registry), cdk8s-plus-28 2.5.6 (2.3.17
  // lacks SeccompProfileType, 2.0.3 lacks Capability, both used by SnapshotSchedule). Development and
  // the unit tests use the newest versions (devDeps below), not the floors; jsii's JSII6 warnings
  // ("peerDependency … means you should take a devDependency … at 2.68.12") are about that choice.
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  peerDependencyOptions: { pinnedDevDependency: false },
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.3',
  minNodeVersion: '20.0.0',
  keywords: ['cdk8s', 'kubevirt', 'kubernetes', 'virtual-machines', 'cdi', 'gitops'],

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Used by the CLI (convert, lint, report) at run time; jsii needs non-jsii dependencies bundled.
  // js-yaml: the fast parse path of lint/report (about 9x faster than yaml); yaml re-parses only what needs line numbers.
  bundledDeps: ['yaml@^2.9.0', 'ajv@^8.20.0', 'js-yaml@^4.1.0'],
  bin: { 'cdk8s-kubevirt': 'lib/cli/main.js' },
  devDeps: [
    'cdk8s@2.70.106',
    'constructs@10.8.1',
    'cdk8s-plus-28@2.5.6',
    'ajv-formats@^3.0.0',
    '@types/js-yaml@^4.0.9',
    'fast-check@^4.10.0',
    'kubernetes-models@4.5.1',
    '@kubernetes/client-node@0.22.3',
    // `npx projen import` only: the JSON-shaped compile-time types in src/imports/json/ (imports/json-types.ts).
    'json-schema-to-typescript@16.0.0',
  ],

  // Source maps in separate .js.map files, not inline: jsii's default inlines the map and the TypeScript
  // source into every .js file, which doubled what requiring the library reads and scans (12 MB of lib/
  // against 6.8 MB; about 30 ms of CPU at import, bench/RESULTS.md). Stack traces map with --enable-source-maps.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false, sourceMap: true } },

  // No GitHub workflows: CI is .ci/run on a clean clone.
  github: false,
  release: false,

  // Jest must never rewrite snapshots in CI.
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Jest's default is one worker per core minus one, which is a single in-band process on a 2-core machine;
      // every core gives one worker (the main process only collects results). ts-jest already compiles each file
      // on its own (isolatedModules in test/tsconfig.json): `tsc` type-checks in `compile` and `eslint`.
      maxWorkers: '100%',
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/', '/src/schemas/', '/lib/schemas/', '/test/', '\\.generated\\.ts$'],
      // test/package.test.ts installs the packed tarball twice (minutes): `npx projen test:package`, which CI runs.
      testPathIgnorePatterns: ['/node_modules/', '/examples/', '/test/package\\.test\\.ts$'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    ignorePatterns: ['src/imports/**', 'src/schemas/**', '*.js', '*.d.ts', 'node_modules/', '*.generated.ts', 'coverage'],
  },

  // Publishing targets exist so that `jsii-pacmak --code-only` can prove the API translates.
  // Their packages cannot be built here (no PyPI, no Maven Central, no Go, no .NET).
  publishToPypi: { distName: 'cdk8s-kubevirt', module: 'cdk8s_kubevirt' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_kubevirt',
    mavenGroupId: 'io.github.cdk8s-kubevirt',
    mavenArtifactId: 'cdk8s-kubevirt',
  },
  publishToGo: { moduleName: 'github.com/cdk8s-kubevirt/cdk8s-kubevirt-go' },
  publishToNuget: { dotNetNamespace: 'Cdk8sKubevirt', packageId: 'Cdk8sKubevirt' },
});

// unrs-resolver 1.13.0 is only partly published on this registry (TOOLCHAIN.md).
project.package.addPackageResolutions('unrs-resolver@1.12.2');

project.package.addField('bugs', { url: 'https://github.com/cdk8s-kubevirt/cdk8s-kubevirt/issues' });

// Test-only files that projen must not treat as stray.
project.gitignore.exclude('/dist/code-only/');
project.npmignore?.exclude('/imports/', '/examples/', '/.ci/', '/bench/');

// `npx projen import`: regenerate src/imports/ and src/schemas/ from imports/manifest.json (see
// imports/import.ts), then src/rules/gotypes.generated.ts and int-paths.generated.ts from the Go-type facts named there (see
// imports/gotypes.ts). All are committed, so a clone builds and tests with nothing beside it.
const importTask = project.addTask('import', {
  description: 'Regenerate src/imports/ and src/schemas/ from the CRDs in imports/manifest.json ($KUBEVIRT_CRDS, default ../shared/kubevirt/crds; --schemas-only skips the bindings), and src/rules/gotypes.generated.ts and int-paths.generated.ts from the Go-type data ($KUBEVIRT_GOTYPES, default ../shared/kubevirt/gotypes)',
  exec: 'ts-node --transpile-only imports/import.ts',
  receiveArgs: true,
});
// The JSON-shaped types of what the library renders (src/imports/kubevirt-json.ts), from src/schemas/;
// after import.ts, which replaces src/imports/ wholesale. Offline; `npx projen import:json` runs it alone.
importTask.exec('ts-node --transpile-only imports/json-types.ts');
importTask.exec('ts-node --transpile-only imports/gotypes.ts');
project.addTask('import:json', {
  description: 'Regenerate src/imports/kubevirt-json.ts (compile-time JSON-shaped types of the rendered kinds) from src/schemas/',
  exec: 'ts-node --transpile-only imports/json-types.ts',
});
// Only the Go-type step, which needs no cdk8s-cli: `npx projen import:gotypes`.
project.addTask('import:gotypes', {
  description: 'Regenerate src/rules/gotypes.generated.ts and int-paths.generated.ts from the Go-type data in imports/manifest.json ($KUBEVIRT_GOTYPES, default ../shared/kubevirt/gotypes)',
  exec: 'ts-node --transpile-only imports/gotypes.ts',
});

// The strict schemas (src/schemas/*.json, committed) become standalone Ajv validation code in
// lib/schemas/ as part of every compile, so no process compiles a schema at run time and the package
// ships them (Apache-2.0, generated from the KubeVirt/CDI CRDs).
project.compileTask.exec('ts-node --transpile-only imports/compile-schemas.ts');

// `npx projen test:fuzz`: the full property runs (10,000+ cases per suite). The default test runs the
// same properties with a few hundred cases (test/support/generators.ts FUZZ_SCALE); CI runs both.
project.addTask('test:fuzz', {
  description: 'Run the property (fuzz) suites with their full case counts (FUZZ_FULL=1)',
  env: { FUZZ_FULL: '1' },
  exec: 'jest --ci --coverage=false test/fuzz',
  receiveArgs: true,
});

// `npx projen test:package`: pack the library, install the tarball into scratch apps with the minimum peers
// and with today's cdk8s + cdk8s-plus-33, and synthesize there (test/package.test.ts). Minutes, so not in
// the default test; CI runs it after the build. Needs a compiled lib/.
project.addTask('test:package', {
  description: 'Install the packed tarball into scratch apps (minimum peers; newest cdk8s with cdk8s-plus-33) and synthesize every example there',
  exec: 'jest --ci --coverage=false --testPathIgnorePatterns=/node_modules/ -- test/package.test.ts',
  receiveArgs: true,
});

// `npx projen bench`: the benchmark (bench/, issue 16), outside the test suite: fleet synthesis against raw
// ApiObjects, import cost, cold synth of the quickstart, lint/report against the js-yaml parse.
// `-- --smoke` is the cheap check CI runs; `-- --profile` writes bench/PROFILE.md.
project.addTask('bench', {
  description: 'Benchmark synthesis (library vs raw ApiObject, L1, yaml, JSON; and the library with its synthesis-time checks stubbed out, to split their cost), import cost, quickstart cold synth, lint/report vs js-yaml; writes bench/RESULTS.md',
  exec: 'node bench/run.js',
  receiveArgs: true,
});

// `npx projen examples`: synthesize every app under examples/ into its own dist/.
const examplesSynth = project.addTask('examples:synth', {
  description: 'Synthesize every example app (needs a compiled lib/)',
  exec: 'bash -c \'set -e; for d in examples/*/; do echo "synth $d"; (cd "$d" && rm -rf dist && ts-node --transpile-only main.ts); done\'',
});
project.addTask('examples', {
  description: 'Compile the library and synthesize every app under examples/ into its own dist/',
  steps: [{ spawn: 'compile' }, { spawn: examplesSynth.name }],
});
// The build synthesizes the examples before the tests, so the tests validate fresh output and
// .ci/run's `git diff --exit-code` catches a stale committed dist/.
// The runtime guards (src/private/guard.ts) read a compact type table derived from .jsii (a few KB instead of
// 600 KB on the first guarded call); without it they read .jsii itself.
// The examples import 'cdk8s-kubevirt' as an app does: node_modules/cdk8s-kubevirt links to this package
// (its lib/), so ts-node, node and tsc resolve it with no path mapping (imports/link-self.js says why not a
// devDependency). Made as the first step of compiling, so every task that compiles (build, examples) has it.
project.compileTask.prependExec('node imports/link-self.js');
project.postCompileTask.exec('node -e "require(\'./lib/private/guard\').writeTypeTable()"');
project.postCompileTask.spawn(examplesSynth);

// Publishing targets must not break the local build: only the JS package is built here. The other
// languages are generated as code only, which proves the public API translates.
const codeOnly = project.addTask('package:code-only', {
  description: 'Generate Python, Java, Go and .NET sources with jsii-pacmak --code-only (no toolchains needed)',
  exec: 'jsii-pacmak --code-only --outdir dist/code-only --target python --target java --target go --target dotnet',
});
const pkg = project.tasks.tryFind('package')!;
pkg.reset();
pkg.spawn(project.tasks.tryFind('package:js')!);
pkg.spawn(codeOnly);

project.synth();
