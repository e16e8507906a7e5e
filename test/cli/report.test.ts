/**
 * `cdk8s-kubevirt report` over crafted multi-namespace input (test/fixtures/lint/report/): exact totals in all three
 * formats. Most cases run the command in process (test/support/cli.ts); the text report and standard input run the
 * real binary (lib/cli/main.js).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runInProcess, spawnCli } from '../support/cli';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const FIXTURES = 'test/fixtures/lint/report';

/** Runs the command in process, from the repository root. */
function cli(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  return runInProcess(args, { input });
}

/** Runs the real binary from the repository root. */
function cliBinary(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  return spawnCli(args, { input });
}

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npx projen compile' first`);
});

const SUMMARY = 'counted DataVolume: 1, PersistentVolumeClaim: 1, VirtualMachine: 6, VirtualMachinePool: 1; ignored 2 other objects\n';

describe('report', () => {
  test('text: aligned tables with totals, and what it could not count', () => {
    const r = cliBinary(['report', FIXTURES]);
    expect(r.stderr).toBe(SUMMARY);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'NAMESPACE  VMS  POOLS  POOL REPLICAS  VCPUS    MEMORY',
      '(unset)      1      0              0      2   0.50 Gi',
      'a            2      1              3     12  16.50 Gi',
      'b            3      0              0      4   4.00 Gi',
      'TOTAL        6      1              3     18  21.00 Gi',
      '',
      'NAMESPACE  STORAGE CLASS  CLAIMS  REQUESTED',
      'a          (default)           2  104.66 Gi',
      'a          (none)              1    0.50 Gi',
      'a          fast                4   50.00 Gi',
      'TOTAL      (default)           2  104.66 Gi',
      'TOTAL      (none)              1    0.50 Gi',
      'TOTAL      fast                4   50.00 Gi',
      '',
      'not counted:',
      '  b VirtualMachine/mystery: vCPUs and memory not counted (instancetype acme.huge)',
      '',
    ].join('\n'));
  });

  test('json: exact bytes per namespace and in total', () => {
    const r = cli(['report', '--format', 'json', `${FIXTURES}/team-a.yaml`, `${FIXTURES}/team-b.yaml`]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const gi = 2 ** 30;
    expect(out.namespaces).toEqual([
      { namespace: '(unset)', machines: 1, pools: 0, poolReplicas: 0, vcpus: 2, memoryBytes: gi / 2, memory: '0.50 Gi', storage: [] },
      {
        namespace: 'a',
        machines: 2,
        pools: 1,
        poolReplicas: 3,
        // web 2×2×1, db u1.large 2, workers 2 × 3 replicas
        vcpus: 12,
        // web 4Gi, db u1.large 8Gi, workers 1536Mi × 3
        memoryBytes: 16.5 * gi,
        memory: '16.50 Gi',
        storage: [
          // db's pvc 100Gi and the DataVolume's 5G (decimal)
          { storageClass: '(default)', claims: 2, bytes: 100 * gi + 5e9, size: '104.66 Gi' },
          { storageClass: '(none)', claims: 1, bytes: gi / 2, size: '0.50 Gi' },
          // web 20Gi, workers 10Gi × 3
          { storageClass: 'fast', claims: 4, bytes: 50 * gi, size: '50.00 Gi' },
        ],
      },
      // custom (instancetype from the input) 3 vCPUs 3Gi, plain 1 vCPU 1073741824 bytes, mystery unknown
      { namespace: 'b', machines: 3, pools: 0, poolReplicas: 0, vcpus: 4, memoryBytes: 4 * gi, memory: '4.00 Gi', storage: [] },
    ]);
    expect(out.total).toEqual({
      machines: 6,
      pools: 1,
      poolReplicas: 3,
      vcpus: 18,
      memoryBytes: 21 * gi,
      memory: '21.00 Gi',
      storage: [
        { storageClass: '(default)', claims: 2, bytes: 100 * gi + 5e9, size: '104.66 Gi' },
        { storageClass: '(none)', claims: 1, bytes: gi / 2, size: '0.50 Gi' },
        { storageClass: 'fast', claims: 4, bytes: 50 * gi, size: '50.00 Gi' },
      ],
    });
    expect(out.notCounted).toEqual([
      { namespace: 'b', object: 'VirtualMachine/mystery', what: 'vCPUs and memory', reason: 'instancetype acme.huge' },
    ]);
  });

  test('markdown: tables for a PR comment', () => {
    const r = cli(['report', '--format=markdown', FIXTURES]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      '### KubeVirt resource requests',
      '',
      '| Namespace | VMs | Pools | Pool replicas | vCPUs | Guest memory |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| (unset) | 1 | 0 | 0 | 2 | 0.50 Gi |',
      '| a | 2 | 1 | 3 | 12 | 16.50 Gi |',
      '| b | 3 | 0 | 0 | 4 | 4.00 Gi |',
      '| **TOTAL** | **6** | **1** | **3** | **18** | **21.00 Gi** |',
      '',
      '#### Storage',
      '',
      '| Namespace | Storage class | Claims | Requested |',
      '| --- | --- | ---: | ---: |',
      '| a | (default) | 2 | 104.66 Gi |',
      '| a | (none) | 1 | 0.50 Gi |',
      '| a | fast | 4 | 50.00 Gi |',
      '| **TOTAL** | **(default)** | **2** | **104.66 Gi** |',
      '| **TOTAL** | **(none)** | **1** | **0.50 Gi** |',
      '| **TOTAL** | **fast** | **4** | **50.00 Gi** |',
      '',
      '#### Not counted',
      '',
      '- `b` `VirtualMachine/mystery`: vCPUs and memory not counted (instancetype acme.huge)',
      '',
    ].join('\n'));
  });

  test('reads standard input', () => {
    const r = cliBinary(['report', '--format', 'json', '-'], fs.readFileSync(path.join(ROOT, FIXTURES, 'team-b.yaml'), 'utf-8'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total).toMatchObject({ machines: 4, vcpus: 6, memoryBytes: 4.5 * 2 ** 30 });
  });

  test('the examples: every VM counted', () => {
    const dists = fs.readdirSync(path.join(ROOT, 'examples')).sort()
      .map(e => path.join('examples', e, 'dist'))
      .filter(d => fs.existsSync(path.join(ROOT, d)));
    const r = cli(['report', '--format', 'json', ...dists]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.total.machines).toBeGreaterThan(0);
    // Only the VM whose instancetype KubeVirt infers from its volume at create time is not counted.
    expect(out.notCounted).toEqual([{
      namespace: 'vms',
      object: 'VirtualMachine/inferred',
      reason: 'instancetype inferred from volume "root" when the VM is created; not known offline',
      what: 'vCPUs and memory',
    }]);
  });

  test('exit code 2 on unreadable input, a YAML syntax error, and bad usage', () => {
    const missing = cli(['report', 'no/such/file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such/file.yaml: cannot read');
    expect(missing.stdout).toBe('');
    const broken = cli(['report', '-'], 'kind: VirtualMachine\nspec: [a\n');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/<stdin>:\d+: YAML syntax error/);
    expect(cli(['report', '--format', 'html', FIXTURES]).code).toBe(2);
    expect(cli(['report']).code).toBe(2);
    expect(cli(['report', '--bogus', FIXTURES]).code).toBe(2);
  });
});
