import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** One committed example output file (`examples/<app>/dist/<file>.yaml`) and its documents as plain objects. */
export interface ExampleOutput {
  /** `<app>/<file>.yaml`. */
  readonly file: string;
  readonly docs: any[];
}

/** Every committed example output, apps and files in sorted order. */
export function exampleOutputs(): ExampleOutput[] {
  const root = path.join(__dirname, '..', '..', 'examples');
  const out: ExampleOutput[] = [];
  for (const app of fs.readdirSync(root).sort()) {
    const dist = path.join(root, app, 'dist');
    if (!fs.existsSync(dist)) continue;
    for (const file of fs.readdirSync(dist).filter(f => f.endsWith('.yaml')).sort()) {
      out.push({ file: `${app}/${file}`, docs: parseAllDocuments(fs.readFileSync(path.join(dist, file), 'utf-8')).map(d => d.toJS()) });
    }
  }
  return out;
}
