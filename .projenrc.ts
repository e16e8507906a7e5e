import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kubevirt',
  packageName: 'cdk8s-kubevirt',
  description: 'Typed cdk8s constructs that synthesize KubeVirt VirtualMachines, CDI DataVolumes and their companions at build time.',
  author: 'cdk8s-kubevirt maintainers',
  authorAddress: 'maintainers@users.noreply.b-seed-278975d2.example',
  repositoryUrl: 'https://github.com/cdk8s-kubevirt/cdk8s-kubevirt.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  projenVersion: '0.103.25',

  // Versions: see ../shared/TOOLCHAIN.md
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.3',
  minNodeVersion: '20.0.0',
  keywords: ['cdk8s', 'kubevirt', 'kubernetes', 'virtual-machines', 'cdi', 'gitops'],

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  devDeps: [
    'cdk8s-plus-28@2.5.6',
    'ajv@^8.20.0',
    'ajv-formats@^3.0.0',
    'fast-check@^4.10.0',
    'kubernetes-models@4.5.1',
    'yaml@^2.9.0',
  ],

  // No GitHub workflows: CI is .ci/run on a clean clone.
  github: false,
  release: false,

  // Jest must never rewrite snapshots in CI.
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/', '/test/'],
      testPathIgnorePatterns: ['/node_modules/', '/examples/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    ignorePatterns: ['src/imports/**', '*.js', '*.d.ts', 'node_modules/', '*.generated.ts', 'coverage'],
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

project.synth();
