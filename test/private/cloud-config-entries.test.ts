import * as fc from 'fast-check';
import { isMap, parseDocument } from 'yaml';
import { cloudConfigProblemByEntries } from '../../src/private/cloud-config-entries';

/** What k8s-validation's cloud-config check asks of a document: no error, and a mapping (or nothing) at the top. */
function problem(text: string): string | null {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return doc.errors[0].code;
  return doc.contents !== null && !isMap(doc.contents) ? 'not a mapping' : null;
}

describe('cloudConfigProblemByEntries', () => {
  test('a fleet cloud-config parses by its entries, and each repeated entry once', () => {
    const calls: string[] = [];
    const counting = (t: string) => {
      calls.push(t);
      return problem(t);
    };
    const doc = (host: string) => `#cloud-config\nhostname: ${host}\npackages:\n  - curl\nusers:\n  - name: ops\n    sudo: ALL=(ALL) NOPASSWD:ALL\n`;
    expect(cloudConfigProblemByEntries(doc('vm-1'), counting)).toBeNull();
    expect(cloudConfigProblemByEntries(doc('vm-2'), counting)).toBeNull();
    expect(calls).toEqual(['packages:\n  - curl', 'users:\n  - name: ops\n    sudo: ALL=(ALL) NOPASSWD:ALL\n']);
  });

  test.each([
    ['an unterminated quoted scalar across a key line', '#cloud-config\na: "abc\ndef: x"\n'],
    ['an unterminated flow sequence', '#cloud-config\na: [1,\nb: 2\n'],
    ['a sequence at the top level', '#cloud-config\n- a\n- b\n'],
    ['a sequence beside a key at column 0', '#cloud-config\na:\n- 1\nb: 2\n'],
    ['a comment splitting an indented value', '#cloud-config\na: b\n# c\n  d\ne: f\n'],
    ['a document marker', '#cloud-config\na: 1\n---\nb: 2\n'],
    ['a scalar', '#cloud-config\njust text\n'],
    ['a tab after the key', '#cloud-config\na:\t1\n'],
    ['a comment at column 0 before an indented value', '#cloud-config\nu:\n#c\n    more\na: 1'],
  ])('gives the full parse\'s answer for %s', (_what, text) => {
    expect(cloudConfigProblemByEntries(text, problem)).toEqual(problem(text));
  });

  test('agrees with the full parse on generated documents', () => {
    const line = fc.constantFrom(
      'a: 1', 'b: "x', 'c: x"', 'd: [1,', '  - 2]', '- e', '  - f', '  g: h', '#c', '#c', '#c', '  # c', '', ' ', 'k: |', '  text',
      '    more', 'l: &x {m: 1}', 'n: *x', '? o', ': p', '---', '...', '%YAML 1.1', 'q: r: s', '\tt: 1', 'u:', '  v: "w',
      '  x"', 'y: \'z', 'hostname: vm-1', 'a: b # c', 'z: >-', '!!map', 'key: {a: [1, 2]}',
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), lines => {
      const text = ['#cloud-config', ...lines].join('\n');
      const full = problem(text);
      const fast = cloudConfigProblemByEntries(text, problem);
      // Either the same answer, or both report a problem (the fast path then returns the full parse's).
      expect(fast === null).toBe(full === null);
      if (fast !== null) expect(fast).toEqual(full);
    }), { numRuns: 1000 });
  });

  test('cuts entries where the line-by-line reading did, with other line terminators inside lines', () => {
    // The entries are read in place with sticky patterns; `\r` and `\u2028` are not line ends for them,
    // as they were not for the old reading of one line at a time.
    const line = fc.constantFrom(
      'a: 1', 'a:\r', 'b: x\r', 'c:\u2028', 'd: x\u2028y', 'e: \r', '  - f\r', 'hostname: vm-1', 'hostname: vm-1\r', 'g:', '  - h',
      '', ' ', '#c', 'i: j.k_l-m', 'n: o p',
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 6 }), fc.boolean(), (lines, newline) => {
      const text = ['#cloud-config', ...lines].join('\n') + (newline ? '\n' : '');
      const full = problem(text);
      const fast = cloudConfigProblemByEntries(text, problem);
      expect(fast === null).toBe(full === null);
      if (fast !== null) expect(fast).toEqual(full);
    }), { numRuns: 500 });
  });

  test('a simple one-line entry is not parsed; an entry with a blank line or a line end after it is', () => {
    const calls: string[] = [];
    const counting = (t: string) => {
      calls.push(t);
      return problem(t);
    };
    expect(cloudConfigProblemByEntries('#cloud-config\nhostname: a-1\n\nfqdn: a.b\ntimezone: UTC\n', counting)).toBeNull();
    expect(calls).toEqual(['hostname: a-1\n', 'timezone: UTC\n']);
  });
});
