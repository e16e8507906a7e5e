/**
 * Reading typed values out of a plain JSON manifest for the Viti converter, every problem reported with
 * its JSON path.
 */
import { Size } from 'cdk8s';
import { QUANTITY_ALLOWED } from './fields';
import { Problem } from '../private/errors';
import { parseQuantityExact } from '../private/quantity';

/** True for a JSON object (not an array, not null). */
export function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads typed values out of plain JSON, reporting every problem with its JSON path. */
export class Reader {
  constructor(private readonly report: (p: Problem) => void) {}

  /** Reports every key of `obj` not in `allowed`. */
  public fields(obj: Record<string, any>, path: string, allowed: string[], allowedText: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.report({ property: path ? `${path}.${key}` : key, problem: 'is not a field of a Viti Machine', value: obj[key], allowed: allowedText });
      }
    }
  }

  public mapping(value: any, path: string, required: boolean): Record<string, any> | undefined {
    if (value === undefined || value === null) {
      if (required) this.report({ property: path, problem: 'is required', value, allowed: 'a mapping' });
      return undefined;
    }
    if (!isMapping(value)) {
      this.report({ property: path, problem: 'must be a mapping', value, allowed: 'a mapping of fields' });
      return undefined;
    }
    return value;
  }

  public list(value: any, path: string): any[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.report({ property: path, problem: 'must be a list', value, allowed: 'a YAML sequence' });
      return undefined;
    }
    return value;
  }

  public string(value: any, path: string, required: boolean): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.report({ property: path, problem: 'is required', value, allowed: 'a string' });
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      this.report({ property: path, problem: 'must be a non-empty string', value, allowed: 'a string' });
      return undefined;
    }
    return value;
  }

  public bool(value: any, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.report({ property: path, problem: 'must be true or false', value, allowed: 'a boolean' });
      return undefined;
    }
    return value;
  }

  public count(value: any, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1)) {
      this.report({ property: path, problem: 'must be a whole number of at least 1', value, allowed: 'an integer ≥ 1' });
      return undefined;
    }
    return value;
  }

  public stringMap(value: any, path: string): Record<string, string> | undefined {
    const map = this.mapping(value, path, false);
    if (!map) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') this.report({ property: `${path}.${k}`, problem: 'must be a string', value: v, allowed: 'a string (quote numbers and booleans)' });
      else out[k] = v;
    }
    return out;
  }

  public enumValue(value: any, path: string, allowed: string[]): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.report({ property: path, problem: 'is not a supported value', value, allowed: `one of ${allowed.join(', ')}` });
      return undefined;
    }
    return value;
  }

  /** A Kubernetes quantity (string) or a number of bytes, as a Size of whole kibibytes. */
  public quantity(value: any, path: string, required: boolean): Size | undefined {
    if (value === undefined || value === null) {
      if (required) this.report({ property: path, problem: 'is required', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    if (typeof value === 'number') return this.bytes(value, path);
    const q = typeof value === 'string' ? parseQuantityExact(value) : undefined;
    if (!q || q.negative) {
      this.report({ property: path, problem: 'is not a Kubernetes quantity', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    if (q.num % q.den !== 0n) {
      this.report({ property: path, problem: 'must be a whole number of bytes', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    return this.kibibytes(q.num / q.den, value, path);
  }

  /** A number of bytes as a Size of whole kibibytes. */
  public bytes(value: number, path: string): Size | undefined {
    if (!Number.isSafeInteger(value)) {
      this.report({ property: path, problem: 'must be a whole number of bytes', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    return this.kibibytes(BigInt(value), value, path);
  }

  private kibibytes(bytes: bigint, value: any, path: string): Size | undefined {
    const kib = bytes / 1024n;
    if (bytes <= 0n || bytes % 1024n !== 0n || kib > BigInt(Number.MAX_SAFE_INTEGER)) {
      this.report({ property: path, problem: 'must be a positive whole number of kibibytes', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    return Size.kibibytes(Number(kib));
  }
}
