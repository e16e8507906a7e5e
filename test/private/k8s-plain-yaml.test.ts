import { isMap, parseDocument } from 'yaml';
import { isPlainBlockMapping } from '../../src/private/k8s-plain-yaml';

/** What the cloud-config-yaml check reads from a full parse: null when the text parses into a mapping. */
function problem(text: string): string | null {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) return doc.errors[0].code;
  return doc.contents === null || isMap(doc.contents) ? null : 'not a mapping';
}

/** A small deterministic generator (Park-Miller). */
function random(seed: number): () => number {
  let s = seed % 2147483647;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

const KEYS = ['a', 'name', 'shell', 'ssh_authorized_keys', 'sudo', 'y', 'no', 'on', '_x', 'a-b', 'k'.repeat(64), 'k'.repeat(65)];
const VALUES = ['vim', '/bin/bash', 'ALL=(ALL) NOPASSWD:ALL', 'ssh-ed25519 AAAA ops@example.com', '1', '0x1F', '2001-12-14', 'a:b',
  'a: b', 'a:', 'a ', 'a - b', 'a,b', '(x)', '1:20', 'yes', 'null', 'a  b', 'x-', '/', '-a', '=a', 'a #b', '[x', '{y: 1}', '"q', '&a', '|'];

function generate(rnd: () => number, depth: number, indent: number): string[] {
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const lines: string[] = [];
  const n = 1 + Math.floor(rnd() * 3);
  if (rnd() < 0.5) {
    const at = indent + 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      if (rnd() < 0.5 || depth > 2) {
        lines.push(`${' '.repeat(at)}- ${pick(VALUES)}`);
        continue;
      }
      const column = at + 2;
      const k = pick(KEYS);
      if (rnd() < 0.5) lines.push(`${' '.repeat(at)}- ${k}: ${pick(VALUES)}`);
      else lines.push(`${' '.repeat(at)}- ${k}:`, ...generate(rnd, depth + 1, column));
      for (let j = Math.floor(rnd() * 3); j > 0; j--) {
        if (rnd() < 0.6) lines.push(`${' '.repeat(column)}${pick(KEYS)}: ${pick(VALUES)}`);
        else lines.push(`${' '.repeat(column)}${pick(KEYS)}:`, ...generate(rnd, depth + 1, column));
      }
    }
  } else {
    const at = indent + 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) {
      if (rnd() < 0.6 || depth > 2) lines.push(`${' '.repeat(at)}${pick(KEYS)}: ${pick(VALUES)}`);
      else lines.push(`${' '.repeat(at)}${pick(KEYS)}:`, ...(rnd() < 0.9 ? generate(rnd, depth + 1, at) : []));
    }
  }
  return lines;
}

function mutate(rnd: () => number, t: string): string {
  const i = Math.floor(rnd() * t.length);
  const inserts = [' ', '\n', '-', ':', 'a', ' - ', '\n  ', '\n    - ', '#', '\t'];
  switch (Math.floor(rnd() * 4)) {
    case 0: return t.slice(0, i) + inserts[Math.floor(rnd() * inserts.length)] + t.slice(i);
    case 1: return t.slice(0, i) + t.slice(i + 1);
    case 2: return t.replace(/\n {2}/, '\n ');
    default: return `${t}\n`;
  }
}

describe('the plainest block YAML (k8s-plain-yaml.ts)', () => {
  test('a fleet\'s cloud-config entries are of the form', () => {
    expect(isPlainBlockMapping('packages:\n  - qemu-guest-agent\n  - curl\n  - vim')).toBe(true);
    expect(isPlainBlockMapping('users:\n  - name: ops\n    shell: /bin/bash\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAAC3Nza ops@example.com\n    sudo: ALL=(ALL) NOPASSWD:ALL\n')).toBe(true);
  });

  test('anything that needs the parser is not', () => {
    for (const t of [
      '#cloud-config\npackages:\n  - vim', 'packages: [vim]', 'packages:\n- vim', 'packages:\n  - "vim"', 'packages:\n  - vim # editor',
      'packages:\n  - vim\n\n  - curl', 'packages:\n\t- vim', 'a:\n  b: |\n    text', 'a:\n  b: c\n   d: e', 'a:\n  - b\n c: d',
      'a:\n  - b: c\n   d: e', 'a:\n  b: x: y', 'a:\n  - &x b', 'a:\n  b: c\nd: e', 'a:\n  b:\n  - c', `${'k'.repeat(65)}:\n  - a`,
    ]) {
      expect([t, isPlainBlockMapping(t)]).toEqual([t, false]);
    }
  });

  test('every text of the form parses into a mapping without errors (generated and mutated documents)', () => {
    const rnd = random(20261202);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      let t = `${KEYS[Math.floor(rnd() * KEYS.length)]}:${rnd() < 0.9 ? `\n${generate(rnd, 0, 0).join('\n')}` : ''}`;
      for (let m = Math.floor(rnd() * 3); m > 0; m--) t = mutate(rnd, t);
      if (!isPlainBlockMapping(t)) continue;
      accepted++;
      expect([t, problem(t)]).toEqual([t, null]);
    }
    expect(accepted).toBeGreaterThan(500);
  });
});
