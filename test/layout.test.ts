import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'imports' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The import graph of hand-written src/, by TypeScript's own pre-processor (relative imports only). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf-8'), true, true);
    const deps: string[] = [];
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), ref.fileName);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
      if (target && !target.includes(`${path.sep}imports${path.sep}`)) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** Every cycle, as a list of files relative to src/ (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(); const low = new Map<string, number>();
  const stack: string[] = []; const on = new Set<string>(); const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); scc.push(path.relative(SRC, w)); } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('layout of src/', () => {
  test('no import cycle', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(30);
    expect(cycles(graph)).toEqual([]);
  });

  test('the private area is not reachable from the package index except through the public error class', () => {
    const index = fs.readFileSync(path.join(SRC, 'index.ts'), 'utf-8');
    expect(index).not.toMatch(/private/);
    for (const folder of fs.readdirSync(SRC, { withFileTypes: true }).filter(e => e.isDirectory() && e.name !== 'imports')) {
      const file = path.join(SRC, folder.name, 'index.ts');
      if (!fs.existsSync(file)) continue;
      expect({ folder: folder.name, exportsPrivate: /from '\.\.\/private/.test(fs.readFileSync(file, 'utf-8')) }).toEqual({ folder: folder.name, exportsPrivate: false });
    }
  });

  test('index.ts files only re-export', () => {
    const indexes = sourceFiles(SRC).filter(f => path.basename(f) === 'index.ts');
    expect(indexes.length).toBeGreaterThan(6);
    for (const f of indexes) {
      const code = fs.readFileSync(f, 'utf-8').split('\n').filter(l => l.trim() !== '' && !l.trim().startsWith('//') && !l.trim().startsWith('*') && !l.trim().startsWith('/*'));
      expect({ file: path.relative(SRC, f), other: code.filter(l => !/^export (\*|\{[^}]*\}|\* as \w+) from '[^']+';$/.test(l)) }).toEqual({ file: path.relative(SRC, f), other: [] });
    }
  });
});
