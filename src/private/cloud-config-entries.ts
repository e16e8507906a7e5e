/**
 * The `cloud-config-yaml` check (k8s-validation.ts), made affordable for fleets. Internal: not exported
 * from the package.
 *
 * A fleet's cloud-configs differ in an entry or two (`hostname`) and repeat the rest, but each is a
 * different string, so a cache by document does not help, and parsing each with `yaml` costs about
 * 0.3 ms. A document whose lines at column 0 are all `key:` lines or comments is a block mapping, and
 * it parses without errors exactly when each top-level entry (its key line, and the indented, blank
 * and comment lines up to the next key line) parses alone without errors: YAML carries no state
 * across a line at column 0 in such a document other than an unfinished quoted scalar or flow
 * collection, and those fail the entry they start in; `yaml` also carries state past a comment at
 * column 0, so those are allowed only before the first key. test/private/cloud-config-entries.test.ts
 * checks the claim against the full parse on generated documents. Entries are checked once per
 * distinct text. Anything else (indented or other text before the first key, `---`, `%`, `? `, tabs,
 * an entry that fails alone) goes to the full parse, so every error is reported as the full parse
 * reports it.
 */

/** A top-level key line: a plain key, then `: ` or the end of the line. */
const TOP_KEY = /^[A-Za-z_][A-Za-z0-9_-]*:(?: |$)/;
/** A one-line entry whose value is a plain scalar of letters, digits, `.`, `_`, `-` (valid YAML). */
const SIMPLE_ENTRY = /^[A-Za-z_][A-Za-z0-9_-]*: [A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Entry text -> whether it parses alone without a problem. Cleared when full (a cache, not a store). */
const ENTRY_OK = new Map<string, boolean>();
const MAX_ENTRIES = 4096;

/**
 * `problem(userData)`, computed from the document's top-level entries when it is a block mapping
 * whose entries each have no problem alone (then it has none), else from the whole document.
 */
export function cloudConfigProblemByEntries<P>(userData: string, problem: (text: string) => P | null): P | null {
  const entries = topLevelEntries(userData);
  if (entries !== undefined && entries.every(e => entryOk(e, problem))) return null;
  return problem(userData);
}

function entryOk<P>(entry: string, problem: (text: string) => P | null): boolean {
  if (SIMPLE_ENTRY.test(entry)) return true;
  let ok = ENTRY_OK.get(entry);
  if (ok === undefined) {
    ok = problem(entry) === null;
    if (ENTRY_OK.size >= MAX_ENTRIES) ENTRY_OK.clear();
    ENTRY_OK.set(entry, ok);
  }
  return ok;
}

/**
 * The top-level entries of a document whose lines at column 0 are `key:` lines or comments, each with
 * the lines that follow it up to the next key line; undefined for any other document.
 */
function topLevelEntries(text: string): string[] | undefined {
  const entries: string[] = [];
  let current: string | undefined;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const first = line.charCodeAt(0);
    if (line.length === 0 || first === 0x20 /* space */) {
      if (current !== undefined) current += '\n' + line;
      else if (!/^ *(?:#.*)?$/.test(line)) return undefined;
    } else if (first === 0x23 /* # */) {
      // `yaml` reads a column-0 comment inside a mapping with state that reaches the next entry
      // (`u:\n#c\n  v\na: 1` fails as a whole, its entries do not): only the preamble may hold them.
      if (current !== undefined) return undefined;
    } else if (TOP_KEY.test(line)) {
      if (current !== undefined) entries.push(current);
      current = line;
    } else {
      return undefined;
    }
  }
  if (current === undefined) return undefined;
  entries.push(current);
  return entries;
}
