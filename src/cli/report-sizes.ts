/**
 * `report`: quantities as exact bytes (through the library's one quantity parser, private/quantity.ts),
 * GiB for display, and the vCPUs of a VMI domain.
 */
import { parseQuantityExact } from '../private/quantity';
// ---- quantities -------------------------------------------------------------------------------

/** A Kubernetes quantity in bytes (rounded up to a whole byte), or undefined when it is not a quantity. */
export function parseQuantity(q: unknown): bigint | undefined {
  if (typeof q === 'number') {
    if (!Number.isFinite(q) || q < 0) return undefined;
    return parseQuantity(Number.isInteger(q) ? BigInt(q).toString() : String(q));
  }
  if (typeof q !== 'string') return undefined;
  const exact = parseQuantityExact(q.trim());
  if (!exact || exact.negative) return undefined;
  return (exact.num + exact.den - 1n) / exact.den;
}

/** Bytes as GiB with 2 decimals (half up): `12.50 Gi`. */
export function formatGi(bytes: bigint): string {
  const hundredths = (bytes * 100n + (2n ** 29n)) / (2n ** 30n);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')} Gi`;
}

export function o(v: unknown): any {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

/** A whole number of CPUs from a CPU quantity, rounded up as `Quantity.Value()` does (`500m` → 1). */
export function cpuCount(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) && q >= 0 ? Math.ceil(q) : undefined;
  if (typeof q !== 'string') return undefined;
  const exact = parseQuantityExact(q.trim());
  if (!exact || exact.negative) return undefined;
  return Number((exact.num + exact.den - 1n) / exact.den);
}

/**
 * vCPUs of a VMI domain, as KubeVirt sizes the guest: sockets × cores × threads, each unset one
 * counting 1 (pkg/util/hardware/hw_utils.go `GetNumberOfVCPUs`); with none of them set, the CPU limit,
 * else the CPU request, becomes the number of sockets (pkg/virt-launcher/virtwrap/converter/vcpu/vcpu.go
 * `GetCPUTopology`); with neither, 1.
 */
export function vcpusOf(domain: any): number {
  const c = o(domain.cpu);
  const part = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 0);
  const [sockets, cores, threads] = [part(c.sockets), part(c.cores), part(c.threads)];
  if (sockets || cores || threads) return (sockets || 1) * (cores || 1) * (threads || 1);
  const resources = o(domain.resources);
  const fromResources = cpuCount(o(resources.limits).cpu) ?? cpuCount(o(resources.requests).cpu);
  return fromResources !== undefined && fromResources >= 1 ? fromResources : 1;
}
