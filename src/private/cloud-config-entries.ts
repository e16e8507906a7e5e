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

/** A top-level key line, matched where a line starts: a plain key, then `: `, or the end of the line. */
const TOP_KEY = /[A-Za-z_][A-Za-z0-9_-]*:(?: |\n|$)/y;
/**
 * A one-line entry whose value is a plain scalar of letters, digits, `.`, `_`, `-` (valid YAML), matched
 * where the entry starts: it is one when the match ends where the entry does (the value's characters
 * exclude the newline, so the longest match is the only one that can).
 */
const SIMPLE_ENTRY = /[A-Za-z_][A-Za-z0-9_-]*: [A-Za-z0-9][A-Za-z0-9._-]*/y;
/** A line that may come before the first key: blank, spaces, a comment. */
const PREAMBLE_LINE = /^ *(?:#.*)?$/;

/** Entry text -> whether it parses alone without a problem. Cleared when full (a cache, not a store). */
const ENTRY_OK = new Map<string, boolean>();
const MAX_ENTRIES = 4096;

/**
 * `problem(userData)`, computed from the document's top-level entries when it is a block mapping
 * whose entries each have no problem alone (then it has none), else from the whole document.
 */
export function cloudConfigProblemByEntries<P>(userData: string, problem: (text: string) => P | null): P | null {
  return entriesOk(userData, problem) ? null : problem(userData);
}

/**
 * True when the lines of `text` at column 0 are `key:` lines or comments, comments only before the first
 * key, and each top-level entry (a key line with the lines that follow it up to the next key line) has no
 * problem alone. Reads the lines in place: only an entry that is not a simple one is cut out of the text.
 */
function entriesOk<P>(text: string, problem: (text: string) => P | null): boolean {
  let entry = -1; // where the current entry starts; -1 before the first key
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const first = start < end ? text.charCodeAt(start) : -1;
    if (first === -1 || first === 0x20 /* space */) {
      if (entry < 0 && !PREAMBLE_LINE.test(text.slice(start, end))) return false;
    } else if (first === 0x23 /* # */) {
      // `yaml` reads a column-0 comment inside a mapping with state that reaches the next entry
      // (`u:\n#c\n  v\na: 1` fails as a whole, its entries do not): only the preamble may hold them.
      if (entry >= 0) return false;
    } else {
      TOP_KEY.lastIndex = start;
      if (!TOP_KEY.test(text)) return false;
      // The entry before ends with the line before this one (without its newline).
      if (entry >= 0 && !entryOk(text, entry, start - 1, problem)) return false;
      entry = start;
    }
    start = end + 1;
  }
  return entry >= 0 && entryOk(text, entry, text.length, problem);
}

/** Whether `text.slice(from, to)`, one top-level entry, parses alone without a problem. */
function entryOk<P>(text: string, from: number, to: number, problem: (text: string) => P | null): boolean {
  SIMPLE_ENTRY.lastIndex = from;
  if (SIMPLE_ENTRY.test(text) && SIMPLE_ENTRY.lastIndex === to) return true;
  const entry = text.slice(from, to);
  let ok = ENTRY_OK.get(entry);
  if (ok === undefined) {
    ok = problem(entry) === null;
    if (ENTRY_OK.size >= MAX_ENTRIES) ENTRY_OK.clear();
    ENTRY_OK.set(entry, ok);
  }
  return ok;
}
