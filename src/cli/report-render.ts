/**
 * `report`: the totals as text tables, markdown tables or JSON.
 */
import { formatGi } from './report-sizes';
import { emptyTotals, Report, Totals, Unknown } from './report-totals';
// ---- output ------------------------------------------------------------------------------------

interface Row {
  readonly namespace: string;
  readonly t: Totals;
}

function rows(report: Report): { rows: Row[]; total: Totals } {
  const namespaces = [...report.byNamespace.keys()].sort();
  const total = emptyTotals();
  const out: Row[] = [];
  for (const namespace of namespaces) {
    const t = report.byNamespace.get(namespace)!;
    out.push({ namespace, t });
    total.machines += t.machines;
    total.pools += t.pools;
    total.poolReplicas += t.poolReplicas;
    total.vcpus += t.vcpus;
    total.memory += t.memory;
    for (const [cls, s] of t.storage) {
      const e = total.storage.get(cls) ?? { bytes: 0n, claims: 0 };
      e.bytes += s.bytes;
      e.claims += s.claims;
      total.storage.set(cls, e);
    }
  }
  return { rows: out, total };
}

const COMPUTE_HEAD = ['NAMESPACE', 'VMS', 'POOLS', 'POOL REPLICAS', 'VCPUS', 'MEMORY'];
const STORAGE_HEAD = ['NAMESPACE', 'STORAGE CLASS', 'CLAIMS', 'REQUESTED'];
const COMPUTE_HEAD_MD = ['Namespace', 'VMs', 'Pools', 'Pool replicas', 'vCPUs', 'Guest memory'];
const STORAGE_HEAD_MD = ['Namespace', 'Storage class', 'Claims', 'Requested'];
/** Which columns are right-aligned. */
const COMPUTE_RIGHT = [false, true, true, true, true, true];
const STORAGE_RIGHT = [false, false, true, true];

function computeCells(label: string, t: Totals): string[] {
  return [label, String(t.machines), String(t.pools), String(t.poolReplicas), String(t.vcpus), formatGi(t.memory)];
}

function storageCells(label: string, t: Totals): string[][] {
  return [...t.storage.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([cls, s]) => [label, cls, String(s.claims), formatGi(s.bytes)]);
}

function tables(report: Report): { compute: string[][]; storage: string[][] } {
  const { rows: rs, total } = rows(report);
  const compute = rs.map(r => computeCells(r.namespace, r.t));
  compute.push(computeCells('TOTAL', total));
  const storage = rs.flatMap(r => storageCells(r.namespace, r.t));
  storage.push(...storageCells('TOTAL', total));
  return { compute, storage };
}

function textTable(head: string[], right: boolean[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map(r => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...body.map(line)].map(l => `${l}\n`).join('');
}

function unknownLine(u: Unknown): string {
  return `${u.namespace} ${u.object}: ${u.what} not counted (${u.reason})`;
}

export function renderText(report: Report, unknowns: Unknown[]): string {
  const { compute, storage } = tables(report);
  let out = textTable(COMPUTE_HEAD, COMPUTE_RIGHT, compute);
  out += '\n';
  out += storage.length > 0 ? textTable(STORAGE_HEAD, STORAGE_RIGHT, storage) : 'no storage requested\n';
  if (unknowns.length > 0) {
    out += '\nnot counted:\n';
    for (const u of unknowns) out += `  ${unknownLine(u)}\n`;
  }
  return out;
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function markdownTable(head: string[], right: boolean[], body: string[][]): string {
  const bold = (r: string[]): string[] => (r[0] === 'TOTAL' ? r.map(c => (c === '' ? c : `**${c}**`)) : r);
  const line = (cells: string[]): string => `| ${cells.map(mdEscape).join(' | ')} |\n`;
  return line(head)
    + `|${right.map(r => (r ? ' ---: ' : ' --- ')).join('|')}|\n`
    + body.map(r => line(bold(r))).join('');
}

export function renderMarkdown(report: Report, unknowns: Unknown[]): string {
  const { compute, storage } = tables(report);
  let out = '### KubeVirt resource requests\n\n';
  out += markdownTable(COMPUTE_HEAD_MD, COMPUTE_RIGHT, compute);
  out += '\n#### Storage\n\n';
  out += storage.length > 0 ? markdownTable(STORAGE_HEAD_MD, STORAGE_RIGHT, storage) : 'No storage requested.\n';
  if (unknowns.length > 0) {
    out += '\n#### Not counted\n\n';
    for (const u of unknowns) out += `- \`${u.namespace}\` \`${u.object}\`: ${u.what} not counted (${u.reason})\n`;
  }
  return out;
}

function bytesJson(b: bigint): number | string {
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString();
}

function totalsJson(t: Totals): any {
  return {
    machines: t.machines,
    pools: t.pools,
    poolReplicas: t.poolReplicas,
    vcpus: t.vcpus,
    memoryBytes: bytesJson(t.memory),
    memory: formatGi(t.memory),
    storage: [...t.storage.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([storageClass, s]) => ({ storageClass, claims: s.claims, bytes: bytesJson(s.bytes), size: formatGi(s.bytes) })),
  };
}

export function renderJson(report: Report, unknowns: Unknown[]): string {
  const { rows: rs, total } = rows(report);
  return `${JSON.stringify({
    namespaces: rs.map(r => ({ namespace: r.namespace, ...totalsJson(r.t) })),
    total: totalsJson(total),
    notCounted: unknowns,
  }, null, 2)}\n`;
}
