import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../src/rules';
import { KUBERNETES_RULES } from '../../src/rules/kubernetes';
import { LIBRARY_CHECKS } from '../../src/rules/library-checks';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Every rule id written after `ruleId:` anywhere in src/ (both branches of a conditional count). */
function raisedIds(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf-8');
    for (const m of text.matchAll(/ruleId: ([^,}\n]+)/g)) {
      for (const id of m[1].matchAll(/'([a-z0-9-]+)'/g)) out.set(id[1], path.relative(SRC, file));
    }
  }
  return out;
}

describe('one vocabulary of rule ids', () => {
  const table = new Set([...RULES.map(r => r.id), ...KUBERNETES_RULES.map(r => r.id), ...LIBRARY_CHECKS.map(c => c.id)]);

  test('the ids of RULES, KUBERNETES_RULES and LIBRARY_CHECKS are unique together', () => {
    const all = [...RULES.map(r => r.id), ...KUBERNETES_RULES.map(r => r.id), ...LIBRARY_CHECKS.map(c => c.id)];
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });

  test('every id the library can raise is in the table', () => {
    const ids = raisedIds();
    expect(ids.size).toBeGreaterThan(10);
    expect([...ids].filter(([id]) => !table.has(id)).map(([id, file]) => `${id} (${file})`)).toEqual([]);
  });

  test('src/rules/README.md lists every id, library checks included', () => {
    const readme = fs.readFileSync(path.join(SRC, 'rules', 'README.md'), 'utf-8');
    expect([...table].filter(id => !readme.includes(`| \`${id}\` |`))).toEqual([]);
  });
});
