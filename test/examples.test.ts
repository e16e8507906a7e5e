import * as fs from 'fs';
import * as path from 'path';
import { expectConformant, readManifests } from './support/conformance';
import { expectRoundTripClean } from './support/roundtrip';

const examplesDir = path.join(__dirname, '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter(d => fs.statSync(path.join(examplesDir, d)).isDirectory()).sort();

describe('examples', () => {
  test('there is at least one example', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  test.each(examples)('examples/%s/dist is committed and every object in it is schema-valid', (name) => {
    const dist = path.join(examplesDir, name, 'dist');
    const manifests = readManifests(dist);
    expect(manifests.length).toBeGreaterThan(0);
    expect(expectConformant(manifests)).toHaveLength(manifests.length);
  });

  test.each(examples)('examples/%s/dist is stored by KubeVirt exactly as written (no value its webhook drops or rewrites)', (name) => {
    const manifests = readManifests(path.join(examplesDir, name, 'dist'));
    expect(expectRoundTripClean(manifests)).toHaveLength(manifests.length);
  });
});
