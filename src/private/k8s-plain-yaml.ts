/**
 * A recognizer for the plainest block YAML, for the `cloud-config-yaml` check (k8s-field-checks.ts):
 * a text it accepts is one the `yaml` package parses (YAML 1.1) without errors into a mapping, so the
 * check needs no parse for it. A fleet's cloud-config entries (`packages:` lists, `users:` with a few
 * plain fields) are of this form, and the first parse in a process costs far more than the rest (the
 * parser's code is compiled then). Anything else returns false and is parsed as before.
 *
 * The form: a first line `key:`, then lines indented further, each a block sequence item `- value` or
 * `- key: value` / `- key:` (a compact mapping, continued by `key:` lines at the column of its first
 * key), or a mapping line `key: value` / `key:`; a `key:` without a value is followed by a block
 * indented further (or by nothing: a null value). Keys are `[A-Za-z_][A-Za-z0-9_-]*` of at most 64
 * characters; values are plain scalars of letters, digits and ` ._/=()@:+,-`, that start with a
 * letter, a digit or `/`, hold no `: ` and do not end with `:` or a space. No tabs, comments, quotes,
 * anchors, tags, flow collections, block scalars or multi-line scalars; empty lines only at the end.
 * test/private/k8s-plain-yaml.test.ts checks the claim against the full parse.
 */

const KEY = '[A-Za-z_][A-Za-z0-9_-]{0,63}';
const VALUE = '[A-Za-z0-9/](?:[A-Za-z0-9 ._/=()@:+,-]*[A-Za-z0-9._/=()@+,-])?';
/** `key:` or `key: value`; group 1 is the value. */
const PAIR = new RegExp(`^${KEY}:(?: (${VALUE}))?$`);
/** Every character a text of the form may hold. */
const CHARS = /^[A-Za-z0-9 ._/=()@:+,\n-]*$/;

interface Line {
  readonly indent: number;
  readonly text: string;
}

/** True when `text` is of the form above (then it parses into a mapping without errors). */
export function isPlainBlockMapping(text: string): boolean {
  if (!CHARS.test(text)) return false;
  const raw = text.split('\n');
  while (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const lines: Line[] = [];
  for (const r of raw) {
    if (r === '') return false;
    let indent = 0;
    while (r.charCodeAt(indent) === 0x20) indent++;
    if (indent === r.length) return false;
    lines.push({ indent, text: r.slice(indent) });
  }
  const first = lines[0];
  if (first.indent !== 0 || !isPair(first.text) || pairValue(first.text) !== undefined) return false;
  return block(lines, 1, 0) === lines.length;
}

/** Whether `text` is `key:` or `key: value` of the form. */
function isPair(text: string): boolean {
  return PAIR.test(text) && !hasColonSpace(PAIR.exec(text)![1]);
}

/** The value of a pair line, or undefined for `key:`. */
function pairValue(text: string): string | undefined {
  return PAIR.exec(text)![1];
}

function hasColonSpace(value: string | undefined): boolean {
  return value !== undefined && value.includes(': ');
}

const VALUE_LINE = new RegExp(`^${VALUE}$`);

/** Whether `text` is a value of the form (a sequence item). */
function isValue(text: string): boolean {
  return VALUE_LINE.test(text) && !text.includes(': ') && !text.endsWith(':');
}

/**
 * The block that may follow a `key:` line at `parent` indentation, from line `i`: nothing, or lines
 * indented further than `parent`, all at the first one's indentation (deeper lines belong to their
 * items). Returns the index of the first line after the block, or -1 when the lines are not of the form.
 */
function block(lines: Line[], i: number, parent: number): number {
  if (i >= lines.length || lines[i].indent <= parent) return i;
  const indent = lines[i].indent;
  const sequence = lines[i].text.startsWith('- ');
  while (i < lines.length && lines[i].indent >= indent) {
    const line = lines[i];
    if (line.indent !== indent) return -1;
    if (sequence) {
      if (!line.text.startsWith('- ')) return -1;
      const item = line.text.slice(2);
      if (item.startsWith(' ')) return -1;
      if (isPair(item)) {
        // A compact mapping: its first key is at indent + 2, where its other keys must be.
        i = mappingFrom(lines, i, indent + 2, item);
      } else if (isValue(item)) {
        i++;
      } else {
        return -1;
      }
    } else {
      i = mappingFrom(lines, i, indent, line.text);
    }
    if (i < 0) return -1;
  }
  // A line less indented must close an enclosing block exactly; the callers check it.
  return i;
}

/**
 * A mapping whose first pair (`firstText`) is on line `i` at column `column`, continued by pair lines at
 * that column. Returns the index of the first line after it, or -1.
 */
function mappingFrom(lines: Line[], i: number, column: number, firstText: string): number {
  let text = firstText;
  for (;;) {
    if (!isPair(text)) return -1;
    const hasValue = pairValue(text) !== undefined;
    i++;
    if (!hasValue) {
      i = block(lines, i, column);
      if (i < 0) return -1;
    } else if (i < lines.length && lines[i].indent > column) {
      // A value continued on the next lines: not of the form.
      return -1;
    }
    if (i >= lines.length || lines[i].indent !== column) return i;
    text = lines[i].text;
    if (text.startsWith('- ')) return -1;
  }
}
