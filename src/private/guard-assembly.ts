import * as fs from 'fs';
import { dirname, join as joinPath } from 'path';
import * as zlib from 'zlib';

/*
 * The type information the runtime guards (guard.ts) read: the jsii assembly of this package, or the compact
 * table that the post-compile step writes next to the compiled guard, read on the first guarded call.
 */

/** The compact type table written next to the compiled guard by `writeTypeTable()`. */
const TABLE = 'guard-types.json';

/**
 * Kinds of the types of other assemblies that the public API uses (checked against their `.jsii` files in
 * test/private/guard.test.ts). An fqn missing here is checked as "some object".
 */
export const FOREIGN_KINDS: Record<string, 'class' | 'struct' | 'enum' | 'interface'> = {
  'constructs.Construct': 'class',
  'cdk8s.Size': 'class',
  'cdk8s.Duration': 'class',
  'cdk8s.Cron': 'class',
  'cdk8s-plus-28.Cpu': 'class',
  'cdk8s-plus-28.Topology': 'class',
  'cdk8s-plus-28.ServiceType': 'enum',
  'cdk8s-plus-28.ServicePort': 'struct',
  'cdk8s-plus-28.k8s.Affinity': 'struct',
  'cdk8s-plus-28.k8s.Toleration': 'struct',
  'cdk8s-plus-28.k8s.DownwardApiVolumeFile': 'struct',
};

export interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}
export interface Param { readonly name: string; readonly type: TypeRef; readonly optional?: boolean; readonly variadic?: boolean }
export interface JsiiType {
  readonly fqn: string;
  readonly name: string;
  readonly kind: string;
  readonly datatype?: boolean;
  readonly symbolId?: string;
  readonly locationInModule?: { readonly filename: string };
  readonly interfaces?: string[];
  readonly members?: Array<{ name: string }>;
  readonly base?: string;
  readonly properties?: Array<{ name: string; type: TypeRef; optional?: boolean; static?: boolean }>;
  readonly methods?: Array<{ name: string; parameters?: Param[]; optional?: boolean; static?: boolean }>;
  readonly initializer?: { parameters?: Param[] };
}

let types: Record<string, JsiiType> | null | undefined;
/** In ts-jest, the mtime of `.jsii`: a source file newer than it may declare what `.jsii` does not know yet. */
let jsiiMtime: number | undefined;

/** True when running from TypeScript sources (ts-jest). */
export function fromSources(): boolean {
  assembly();
  return jsiiMtime !== undefined;
}
const staleFiles = new Map<string, boolean>();
/**
 * The assembly's types, read once: from the compact table the post-compile step writes next to the compiled
 * guard when it is at least as new as `.jsii`, else from `.jsii`; null when neither is there (a bundler
 * dropped them): guards are off then.
 */
export function assembly(): Record<string, JsiiType> | null {
  if (types !== undefined) return types;
  const file = joinPath(__dirname, '..', '..', '.jsii');
  const table = joinPath(__dirname, TABLE);
  try {
    if (!__filename.endsWith('.ts') && fs.existsSync(table) && !(fs.statSync(table).mtimeMs < fs.statSync(file).mtimeMs)) {
      types = JSON.parse(fs.readFileSync(table, 'utf-8')) as Record<string, JsiiType>;
      return types;
    }
    types = compactTypes(readAssembly(file));
  } catch {
    types = null;
    return types;
  }
  if (__filename.endsWith('.ts')) jsiiMtime = fs.statSync(file).mtimeMs;
  return types;
}

function readAssembly(file: string): any {
  const json = JSON.parse(fs.readFileSync(file, 'utf-8'));
  if (json.schema !== 'jsii/file-redirect') return json;
  const buf = fs.readFileSync(joinPath(dirname(file), json.filename));
  return JSON.parse((json.compression === 'gzip' ? zlib.gunzipSync(buf) : buf).toString('utf-8'));
}

/** The part of an assembly the guards read: types, members and parameters, without docs. */
export function compactTypes(assemblyJson: any): Record<string, JsiiType> {
  const out: Record<string, JsiiType> = {};
  const params = (ps: any[] | undefined): Param[] | undefined =>
    ps?.map(p => ({ name: p.name, type: p.type, optional: p.optional, variadic: p.variadic }));
  for (const [fqn, t] of Object.entries<any>(assemblyJson.types ?? {})) {
    out[fqn] = {
      fqn,
      name: t.name,
      kind: t.kind,
      datatype: t.datatype,
      symbolId: t.symbolId,
      interfaces: t.interfaces,
      locationInModule: t.locationInModule ? { filename: t.locationInModule.filename } : undefined,
      members: t.members?.map((m: any) => ({ name: m.name })),
      // Guards read the properties of structs and interfaces, and the methods that take arguments.
      properties: t.kind === 'class' ? undefined : t.properties?.map((p: any) => ({ name: p.name, type: p.type, optional: p.optional, static: p.static })),
      methods: t.methods?.filter((m: any) => t.kind !== 'class' || m.parameters?.length)
        .map((m: any) => ({ name: m.name, parameters: params(m.parameters), optional: m.optional, static: m.static })),
      initializer: t.initializer ? { parameters: params(t.initializer.parameters) } : undefined,
    };
  }
  return out;
}

/**
 * Writes the compact table next to the compiled guard (`lib/private/guard-types.json`), so that the first
 * guarded call in a process parses a few KB instead of `.jsii`. Run after compile (post-compile task).
 */
export function writeTypeTable(): void {
  fs.writeFileSync(joinPath(__dirname, TABLE), JSON.stringify(compactTypes(readAssembly(joinPath(__dirname, '..', '..', '.jsii')))));
}

/**
 * True when running from TypeScript sources (ts-jest) and `file` (e.g. `src/machine/machine.ts`) changed
 * after the last `npx projen compile`: what it declares may be missing from `.jsii`, so it is not flagged.
 */
export function stale(file: string | undefined): boolean {
  if (jsiiMtime === undefined || file === undefined) return false;
  let s = staleFiles.get(file);
  if (s === undefined) {
    try {
      s = fs.statSync(joinPath(__dirname, '..', '..', file)).mtimeMs > jsiiMtime;
    } catch { s = true; }
    staleFiles.set(file, s!);
  }
  return s!;
}
