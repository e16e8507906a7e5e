/**
 * Every `@example` block in src/ is real code: extracted, type-checked as an app that imports the package
 * would be (strict, against lib/'s declarations), then run in a fresh chart that must synthesize (the
 * library's checks included). API.md and the other languages' docs show these blocks, so a stale one
 * would mislead users.
 *
 * An example may use `app` and `chart` (a Chart with namespace `vms`), the library's exports, `cdk8s`'s
 * `App, ApiObject, Chart, Cron, Duration, JsonPatch, Size`, and `kplus` (cdk8s-plus-28); nothing else.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const root = path.join(__dirname, '..');
jest.setTimeout(180_000);
const src = path.join(root, 'src');
const GENERATED = [path.join(src, 'imports'), path.join(src, 'schemas')];

interface DocExample {
  /** `src/…/file.ts:line`, the line of the `@example` tag. */
  readonly where: string;
  readonly code: string;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return GENERATED.includes(p) ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  }).sort();
}

/** The `@example` blocks of one file: the comment lines after the tag, up to the next tag or the comment's end. */
export function extractExamples(file: string, text: string): DocExample[] {
  const out: DocExample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i])) continue;
    const body: string[] = [];
    const rest = lines[i].replace(/^\s*\*\s*@example\b\s?/, '');
    if (rest.trim()) body.push(rest);
    let j = i + 1;
    for (; j < lines.length && !/^\s*\*\s*@\w/.test(lines[j]) && !/^\s*\*\//.test(lines[j]); j++) {
      body.push(lines[j].replace(/^\s*\* ?/, ''));
    }
    out.push({ where: `${path.relative(root, file)}:${i + 1}`, code: body.join('\n').trim() });
    i = j - 1;
  }
  return out;
}

const examples = sources(src).flatMap(f => extractExamples(f, fs.readFileSync(f, 'utf-8')));

/** What every example file starts with: the imports an app would write, and an app and a chart. */
function prelude(): string {
  // every export of the package (classes, enums, constants, interfaces, the viti namespace), imported by name
  const index = path.join(root, 'lib', 'index.d.ts');
  const program = ts.createProgram([index], { skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const names = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!).map(s => s.name).sort();
  return [
    "import { App, ApiObject, Chart, Cron, Duration, JsonPatch, Size } from 'cdk8s';",
    "import * as kplus from 'cdk8s-plus-28';",
    `import { ${names.join(', ')} } from 'cdk8s-kubevirt';`,
    'export const app = new App();',
    "export const chart = new Chart(app, 'chart', { namespace: 'vms' });",
    'void [ApiObject, Cron, Duration, JsonPatch, Size, kplus];',
    '',
  ].join('\n');
}

/** The doc comment right above `export class|interface <name>`, or undefined. */
function docOf(text: string, name: string): string | undefined {
  const m = new RegExp(`\\*/\\s*export (?:abstract )?(?:class|interface) ${name}\\b`).exec(text);
  return m ? text.slice(text.lastIndexOf('/**', m.index), m.index) : undefined;
}

describe('@example blocks in src/', () => {
  let dir: string;
  let files: string[];
  let head: string;

  beforeAll(() => {
    if (!fs.existsSync(path.join(root, 'lib', 'index.d.ts'))) {
      throw new Error('lib/ is not compiled: run `npx projen compile` before this test');
    }
    head = prelude();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kubevirt-doc-examples-'));
    files = examples.map((e, i) => {
      const file = path.join(dir, `example${i}.ts`);
      fs.writeFileSync(file, `${head}// ${e.where}\n${e.code}\n`);
      return file;
    });
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the main constructs each show an example', () => {
    const all = sources(src).map(f => fs.readFileSync(f, 'utf-8'));
    const main = [
      'Machine', 'MachineTemplate', 'DiskSet', 'DiskSource', 'CloudInit', 'CloudConfig', 'NetworkData', 'Network',
      'NetworkAttachment', 'MachinePool', 'MachineInstancetype', 'MachinePreference', 'GoldenImage', 'DataVolume',
      'MachineSnapshot', 'MachineRestore', 'MachineClone', 'MachineExport', 'SnapshotSchedule', 'MigrationPolicy',
      'Ignition',
    ];
    const missing = main.filter(n => !all.some(text => docOf(text, n)?.includes('@example')));
    expect(missing).toEqual([]);
  });

  test('every example type-checks as an app importing cdk8s-kubevirt would (strict)', () => {
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      // the scratch folder has no node_modules: resolve packages from the repository's (where
      // node_modules/cdk8s-kubevirt links to this package)
      paths: { '*': [path.join(root, 'node_modules', '*'), path.join(root, 'node_modules', '@types', '*')] },
    });
    const errors = ts.getPreEmitDiagnostics(program).map(d => {
      const file = d.file ? files.indexOf(d.file.fileName) : -1;
      const where = file >= 0 ? examples[file].where : d.file?.fileName ?? '';
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line - head.split('\n').length + 1 : 0;
      return `${where} (example line ${line}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  });

  test.each(examples.map((e, i) => [e.where, i] as const))('%s runs, and its app synthesizes', (_where, i) => {
    const js = ts.transpileModule(fs.readFileSync(files[i], 'utf-8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const module = { exports: {} as any };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'module', 'exports', js)(require, module, module.exports);
    // app.synthYaml() runs every construct's validation, as `cdk8s synth` does, without writing files
    // (an example of a value, such as a Clock, adds no object)
    expect(typeof module.exports.app.synthYaml()).toBe('string');
  });
});

describe('rendered docs', () => {
  // `{@link X}` is not rendered by jsii-docgen or by jsii-pacmak's Python, Go, Java and .NET docs: it shows
  // as raw text. Doc comments name things in backticks instead.
  test.each(['.jsii', 'API.md'])('%s holds no raw {@link} tag', (file) => {
    const p = path.join(root, file);
    if (!fs.existsSync(p)) throw new Error(`${file} is missing: run \`npx projen compile\` (and \`npx projen docgen\` for API.md)`);
    const text = fs.readFileSync(p, 'utf-8');
    const hits = text.split('\n').filter(l => l.includes('{@link')).map(l => l.trim().slice(0, 160));
    expect(hits).toEqual([]);
  });

  test('the @example extractor reads a block up to the next tag', () => {
    const text = ['/**', ' * Doc.', ' *', ' * @example', ' * const a = 1;', ' *   nested();', ' * @see x', ' */'].join('\n');
    expect(extractExamples(path.join(root, 'src', 'x.ts'), text)).toEqual([{ where: 'src/x.ts:4', code: 'const a = 1;\n  nested();' }]);
  });
});
