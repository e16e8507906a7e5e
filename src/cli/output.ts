/**
 * Writing a set of files into a folder, all or nothing.
 *
 * The files are written into a new temporary folder beside the target (same file system, so renames
 * are atomic), then moved: when the target does not exist, the temporary folder is renamed to it in one
 * step; when it exists, each file is renamed into it only after every file was written. On any failure
 * the temporary folder is removed, so nothing is left behind.
 */
import * as fs from 'fs';
import * as path from 'path';

/** One file to write: a plain file name (no folder part) and its text. */
export interface OutputFile {
  readonly name: string;
  readonly text: string;
}

/** Writes `files` into `dir`, atomically. Throws (with nothing written) when it cannot. */
export function writeAtomically(dir: string, files: OutputFile[]): void {
  const target = path.resolve(dir);
  for (const f of files) {
    // Defence in depth: callers build names from validated object names, but never write outside DIR.
    const resolved = path.resolve(target, f.name);
    if (f.name === '' || path.basename(f.name) !== f.name || f.name === '.' || f.name === '..' || path.dirname(resolved) !== target) {
      throw new Error(`refusing to write '${f.name}': not a plain file name inside the output folder`);
    }
  }
  const parent = path.dirname(target);
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.tmp-`));
  try {
    fs.chmodSync(tmp, 0o755); // mkdtemp makes it 0700; the folder it becomes should read like any other
    for (const f of files) fs.writeFileSync(path.join(tmp, f.name), f.text, { flag: 'wx' });
    let exists = false;
    try {
      const stat = fs.statSync(target);
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, '${target}'`), { code: 'ENOTDIR' });
      exists = true;
    } catch (e: any) {
      if (e.code !== 'ENOENT') throw e;
    }
    if (!exists) {
      fs.renameSync(tmp, target);
      return;
    }
    for (const f of files) {
      fs.renameSync(path.join(tmp, f.name), path.join(target, f.name));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
