
/**
 * `cdk8s-kubevirt plan BEFORE AFTER`: what applying AFTER over BEFORE does to a cluster running KubeVirt
 * v1.9 and CDI v1.66, object by object, in six classes.
 *
 * The classes and where each comes from (paths in kubevirt/kubevirt v1.9.0 unless they say CDI; `vm.go` is
 * `pkg/virt-controller/watch/vm/vm.go`; the field-by-field facts are in `../shared/kubevirt/gotypes/LIVE-UPDATE.md`):
 * - `none`: no effect on a running VM (a new object, VM metadata, `updateVolumesStrategy`, objects KubeVirt
 *   does not read).
 * - `live`: applied to the running VM, under the conditions listed with it (CPU and memory hotplug,
 *   nodeSelector/affinity/tolerations, declarative volume hotplug, NIC hotplug, runStrategy).
 * - `restart`: the VM gets `RestartRequired` and the change waits for the next restart
 *   (`vm.go` `syncRestartRequired`).
 * - `ignored`: stored, but KubeVirt does not act on it (an edit to an existing dataVolumeTemplate,
 *   template labels until the next start, an edited instancetype).
 * - `data-loss`: data goes away (a VM deleted or renamed with its template DataVolumes, a DataVolume or
 *   PVC removed, a dataVolumeTemplate removed or renamed, a pool scaled in).
 * - `rejected`: the API server refuses the write (an admission rule in src/rules, or an update webhook).
 *
 * Order, for `--fail-on` (each class includes the ones after it):
 * none < live < restart < ignored < data-loss < rejected. `ignored` ranks above `restart` because Git
 * and the cluster then disagree silently; `restart` is at least visible as a VM condition.
 *
 * BEFORE and AFTER are files or folders of YAML; with `--base REF`, BEFORE is the YAML committed at REF
 * under the same paths as AFTER (`git ls-tree -r` + `git show`).
 * Exit codes: 0 done (and nothing reached --fail-on), 1 a change reached --fail-on, 2 usage or input error.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { COMMON_USAGE, CommandSpec, exitCodesUsage, parseCommand } from './args';
import { CliIo, EXIT_USAGE } from './io';
import { PLAN_CLASSES, PlanChange, PlanClass, rank } from './plan-model';
import { planChanges } from './plan-objects';
import { SourceObject, parseSource, readSources } from './yaml-source';

export { PLAN_CLASSES } from './plan-model';
export type { PlanChange, PlanClass, PlanEffect } from './plan-model';
export { planChanges } from './plan-objects';


const USAGE = `usage: cdk8s-kubevirt plan [options] BEFORE AFTER
       cdk8s-kubevirt plan [options] --base REF AFTER

Says what applying AFTER over BEFORE does on a cluster running KubeVirt v1.9 and CDI v1.66, for each
object added, removed or changed: none, live, restart, ignored, data-loss or rejected.
BEFORE and AFTER are YAML files or folders (their *.yaml and *.yml files). With --base REF,
BEFORE is the YAML committed at the git ref REF under the same paths as AFTER.

options:
      --base REF           read BEFORE from git at REF (e.g. origin/main)
      --format FORMAT      text (default), markdown (for a pull-request comment) or json
      --fail-on CLASS      exit 1 when any change is CLASS or worse
                           (none < live < restart < ignored < data-loss < rejected)
${COMMON_USAGE}

${exitCodesUsage('a change reached --fail-on')}
`;

const SPEC: CommandSpec = {
  name: 'plan',
  usage: USAGE,
  options: { 'base': { type: 'string' }, 'fail-on': { type: 'string' } },
  formats: ['text', 'markdown', 'json'],
};

// ---- reading both sides --------------------------------------------------------------------------------

interface Side {
  readonly objects: SourceObject[];
  readonly errors: string[];
}

function readPaths(paths: string[], recursive: boolean, io: CliIo): Side {
  const objects: SourceObject[] = [];
  const errors: string[] = [];
  readSources(paths, { recursive }, io, { object: o => objects.push(o), error: m => errors.push(m) });
  return { objects, errors };
}

/** The YAML files under `paths` as committed at `ref`. */
function readGit(ref: string, paths: string[]): Side {
  const objects: SourceObject[] = [];
  const errors: string[] = [];
  const git = (args: string[], cwd: string): string => execFileSync('git', args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  for (const p of paths) {
    const abs = path.resolve(p);
    const dir = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
    let top: string;
    try {
      top = git(['rev-parse', '--show-toplevel'], dir).trim();
      git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
    } catch (e: any) {
      errors.push(`--base ${ref}: ${String(e.stderr || e.message).trim().split('\n')[0] || 'not a git commit'} (for ${p})`);
      continue;
    }
    const rel = path.relative(fs.realpathSync(top), fs.existsSync(abs) ? fs.realpathSync(abs) : abs).split(path.sep).join('/');
    const listed = git(['ls-tree', '-r', '--name-only', '-z', ref, '--', rel || '.'], top).split('\0').filter(f => /\.ya?ml$/.test(f)).sort();
    for (const file of listed) {
      const text = git(['show', `${ref}:${file}`], top);
      const source = parseSource(`${ref}:${file}`, text);
      objects.push(...source.objects);
      errors.push(...source.errors);
    }
  }
  return { objects, errors };
}

// ---- output --------------------------------------------------------------------------------------------

function counts(changes: PlanChange[]): string {
  const parts = [...PLAN_CLASSES].reverse().map(c => [c, changes.filter(x => x.class === c).length] as const).filter(([, n]) => n > 0);
  return parts.map(([c, n]) => `${n} ${c}`).join(', ');
}

function who(c: PlanChange): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
}

function renderText(changes: PlanChange[]): string {
  if (changes.length === 0) return 'plan: no changes\n';
  let s = `plan: ${changes.length} change${changes.length === 1 ? '' : 's'} (${counts(changes)})\n`;
  for (const c of changes) {
    s += `\n${who(c)}: ${c.change}, ${c.class}\n`;
    for (const e of c.effects) {
      s += `  ${e.class.padEnd(9)} ${e.path === '(object)' ? '' : `${e.path}: `}${e.message}\n`;
      for (const cond of e.conditions ?? []) s += `            if ${cond}\n`;
      if (e.source !== '-') s += `            source: ${e.source}\n`;
    }
  }
  return s;
}

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function renderMarkdown(changes: PlanChange[]): string {
  let s = '### cdk8s-kubevirt plan\n\n';
  if (changes.length === 0) return `${s}No changes to KubeVirt objects.\n`;
  s += `${changes.length} change${changes.length === 1 ? '' : 's'}: ${counts(changes)}. Classes, mildest first: none, live, restart, ignored, data-loss, rejected.\n\n`;
  s += '| object | change | class |\n|---|---|---|\n';
  for (const c of changes) s += `| ${md(who(c))} | ${c.change} | **${c.class}** |\n`;
  for (const c of changes) {
    s += `\n<details${rank(c.class) >= rank('ignored') ? ' open' : ''}><summary><b>${md(who(c))}</b>: ${c.change}, ${c.class}</summary>\n\n`;
    for (const e of c.effects) {
      s += `- **${e.class}** ${e.path === '(object)' ? '' : `\`${e.path}\`: `}${md(e.message)}\n`;
      for (const cond of e.conditions ?? []) s += `  - if ${md(cond)}\n`;
      if (e.source !== '-') s += `  - source: ${md(e.source)}\n`;
    }
    s += '\n</details>\n';
  }
  return s;
}

/** Runs `plan`; returns the exit code. */
export function run(args: string[], io: CliIo): number {
  const parsed = parseCommand(SPEC, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, format, recursive } = parsed;
  // parseCommand reads standard input when no PATH is given; plan needs its two sides named.
  const paths = args.some(a => a === '-') ? parsed.paths : parsed.paths.filter(p => p !== '-');
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && !(PLAN_CLASSES as readonly string[]).includes(failOn)) {
    io.stderr(`cdk8s-kubevirt plan: --fail-on must be one of ${PLAN_CLASSES.join(', ')}, got ${JSON.stringify(failOn)}\n`);
    return EXIT_USAGE;
  }
  const base = values.base as string | undefined;
  const wanted = base === undefined ? 2 : 1;
  if (paths.length !== wanted) {
    io.stderr(`cdk8s-kubevirt plan: ${base === undefined ? 'give BEFORE and AFTER' : 'with --base, give AFTER only'}, got ${paths.length} path(s)\n${USAGE}`);
    return EXIT_USAGE;
  }
  const before = base === undefined ? readPaths([paths[0]], recursive, io) : readGit(base, [paths[0]]);
  const after = readPaths([paths[paths.length - 1]], recursive, io);
  const errors = [...before.errors, ...after.errors];
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`cdk8s-kubevirt plan: ${e}\n`);
    return 2;
  }
  const changes = planChanges(before.objects, after.objects);
  if (format === 'json') io.stdout(`${JSON.stringify({ classes: PLAN_CLASSES, summary: Object.fromEntries(PLAN_CLASSES.map(c => [c, changes.filter(x => x.class === c).length])), changes }, null, 2)}\n`);
  else if (format === 'markdown') io.stdout(renderMarkdown(changes));
  else io.stdout(renderText(changes));
  if (failOn !== undefined && changes.some(c => rank(c.class) >= rank(failOn as PlanClass))) {
    io.stderr(`cdk8s-kubevirt plan: ${changes.filter(c => rank(c.class) >= rank(failOn as PlanClass)).length} change(s) at or above ${failOn}\n`);
    return 1;
  }
  return 0;
}
