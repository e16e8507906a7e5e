/**
 * `checkManifest` must report exactly what it reported before each speed-up: same rule ids, paths,
 * messages, values, same order. The snapshot holds a digest of every violation of 1,500 varied
 * manifests (varied-manifests.ts), written by the implementation before the speed-ups of December 2026
 * (shared counters, loops without closures, the int-range walk); any change in what is reported changes
 * a digest.
 */
import { createHash } from 'crypto';
import { variedManifests } from './varied-manifests';
import { checkManifest, formatViolation } from '../../src/rules';

/** One line per manifest: how many violations, and a digest of them (message, rule id, path, value). */
function digests(clusterDependent: boolean): string[] {
  return variedManifests(1500).map(m => {
    const vs = checkManifest(m, { clusterDependent });
    const text = vs.map(v => `${formatViolation(v)}\u0000${v.ruleId}\u0000${v.path}\u0000${JSON.stringify(v.value)}`).join('\n');
    return `${vs.length} ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  });
}

describe('checkManifest on varied manifests', () => {
  test('reports what it reported before (static rules)', () => {
    const d = digests(false);
    // The manifests break rules: most report something, and not all the same.
    expect(d.filter(x => !x.startsWith('0 ')).length).toBeGreaterThan(300);
    expect(d).toMatchSnapshot();
  });

  test('reports what it reported before (with cluster-dependent rules)', () => {
    expect(digests(true)).toMatchSnapshot();
  });
});
