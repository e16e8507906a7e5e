/**
 * YAML as the Kubernetes API server reads it (go.yaml.in/yaml/v2 `resolve()` through sigs.k8s.io/yaml
 * `YAMLToJSON`), the document splitter, and the bounds.
 */
import { DocumentChunk, DocumentSplitter, OVERSIZED, checkBounds, loadDocument } from '../../src/cli/k8s-yaml';

describe('plain scalars resolve as go-yaml v2 does', () => {
  test.each([
    ['e1000', 'e1000'], // KubeVirt's examples write `model: e1000` unquoted
    ['1e3', 1000],
    ['1e', '1e'],
    ['yes', true], ['On', true], ['y', true], ['TRUE', true],
    ['no', false], ['OFF', false], ['n', false],
    ['~', null], ['null', null], ['', null],
    ['0755', 493], ['0o17', 15], ['0x1F', 31], ['-0x1F', -31], ['0b101', 5], ['1_000', 1000], ['+7', 7], ['08', 8],
    ['.5', 0.5], ['-1.5', -1.5], ['.inf', Infinity], ['-.Inf', -Infinity],
    ['1:30', '1:30'], ['02:00:00:00:00:01', '02:00:00:00:00:01'], ['0000:81:01.0', '0000:81:01.0'],
    ['2001-12-14', '2001-12-14'], ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00'],
    ['Yes please', 'Yes please'], ['0x', '0x'], ['.', '.'], ['-x', '-x'],
  ])('%j → %j', (text, expected) => {
    expect((loadDocument(`v: ${text === '' ? '' : text}\n`) as any).v).toEqual(expected);
  });

  test('.nan is NaN, and quoted scalars stay strings', () => {
    expect((loadDocument('v: .nan\n') as any).v).toBeNaN();
    expect(loadDocument('a: "yes"\nb: \'0755\'\nc: !!str 12\n')).toEqual({ a: 'yes', b: '0755', c: '12' });
  });

  test('keys resolve too, and merge keys are honoured', () => {
    expect(loadDocument('base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n')).toEqual({ base: { p: 1, q: 2 }, m: { p: 1, q: 3 } });
    // As in Kubernetes: an unquoted key `y` is the boolean true, so the JSON key is "true".
    expect(loadDocument('y: 1\n0x10: a\n')).toEqual({ true: 1, 16: 'a' });
  });
});

describe('bounds', () => {
  test('fails when aliases expand a document past go-yaml v2\'s ratio', () => {
    const lines = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (const [prev, c] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']]) lines.push(`${c}: &${c} [${Array(10).fill(`*${prev}`).join(',')}]`);
    expect(() => loadDocument(lines.join('\n'))).toThrow(/^excessive aliasing: 1\.23e\+5 nodes once aliases are expanded, from \d+$/);
    // A few aliases are fine.
    expect(loadDocument(lines.slice(0, 2).join('\n'))).toMatchObject({ b: expect.any(Array) });
  });

  test('fails when nested deeper than 1000 levels', () => {
    let deep: any = 1;
    for (let i = 0; i < 1001; i++) deep = [deep];
    expect(() => checkBounds(deep)).toThrow('nested deeper than 1000 levels');
    expect(() => checkBounds(deep[0])).not.toThrow();
  });
});

describe('DocumentSplitter', () => {
  function split(text: string, blocks = 7, max?: number): DocumentChunk[] {
    const out: DocumentChunk[] = [];
    const s = new DocumentSplitter(c => out.push(c), max);
    for (let i = 0; i < text.length; i += blocks) s.push(text.slice(i, i + blocks));
    s.end();
    return out;
  }

  test('splits at --- and ..., keeps leading comments with their document, and counts documents as yaml does', () => {
    const text = '# head\n---\na: 1\n---\n---\n- x\n...\n# tail\n--- |\n  text\n  --- not a marker\nb: |\n  --- inside\n';
    expect(split(text)).toEqual([
      { text: '# head\n---\na: 1\n', startLine: 1, index: 1 },
      { text: '---\n', startLine: 4, index: 2 },
      { text: '---\n- x\n...\n', startLine: 5, index: 3 },
      { text: '# tail\n--- |\n  text\n  --- not a marker\nb: |\n  --- inside\n', startLine: 8, index: 4 },
    ]);
  });

  test('a document without markers, and a stream without a final newline', () => {
    expect(split('a: 1\nb: 2', 3)).toEqual([{ text: 'a: 1\nb: 2', startLine: 1, index: 1 }]);
    expect(split('# nothing\n')).toEqual([]);
  });

  test('an oversized document is reported without keeping its text', () => {
    expect(split(`a: ${'x'.repeat(100)}\n---\nb: 1\n`, 10, 50)).toEqual([
      { text: OVERSIZED, startLine: 1, index: 1 },
      { text: '---\nb: 1\n', startLine: 2, index: 2 },
    ]);
  });
});
