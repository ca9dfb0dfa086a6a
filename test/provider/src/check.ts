/**
 * Input validation helpers for Check: each adds a failure for an obviously
 * invalid, known value and ignores values that are unset or unknown (preview).
 */
import { CheckFailure } from "@pulumi/pulumi/provider";
import { Props, isUnknown } from "./values";

/** Collects check failures for one resource's inputs. */
export class Checker {
  readonly failures: CheckFailure[] = [];

  constructor(private readonly inputs: Props) {}

  private known(k: string): unknown {
    const v = this.inputs[k];
    return v === undefined || v === null || isUnknown(v) ? undefined : v;
  }

  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }

  /** The property must be set (unknown counts as set). */
  required(k: string): void {
    if (this.inputs[k] === undefined || this.inputs[k] === null || this.inputs[k] === "") {
      this.fail(k, `Missing required property '${k}'`);
    }
  }

  /** Type check: string. */
  string(k: string): void {
    const v = this.known(k);
    if (v !== undefined && typeof v !== "string") this.fail(k, `${k} must be a string`);
  }

  /** Type check: boolean. */
  boolean(k: string): void {
    const v = this.known(k);
    if (v !== undefined && typeof v !== "boolean") this.fail(k, `${k} must be a boolean`);
  }

  /** An integer in [min, max]. */
  intBetween(k: string, min: number, max: number): void {
    const v = this.known(k);
    if (v === undefined) return;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(k, `expected ${k} to be an integer in the range (${min} - ${max}), got ${JSON.stringify(v)}`);
    }
  }

  /** One of the allowed strings. */
  oneOf(k: string, allowed: readonly string[]): void {
    const v = this.known(k);
    if (v !== undefined && (typeof v !== "string" || !allowed.includes(v))) {
      this.fail(k, `expected ${k} to be one of [${allowed.join(", ")}], got ${JSON.stringify(v)}`);
    }
  }

  /** A string no longer than `max`. */
  maxLength(k: string, max: number): void {
    const v = this.known(k);
    if (typeof v === "string" && v.length > max) this.fail(k, `${k} must be at most ${max} characters`);
  }

  /** A JSON object document (a key policy). */
  jsonObject(k: string): void {
    const v = this.known(k);
    if (typeof v !== "string") return;
    try {
      const doc: unknown = JSON.parse(v);
      if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new Error("not an object");
    } catch (e) {
      this.fail(k, `${k} contains an invalid JSON policy: ${(e as Error).message}`);
    }
  }

  /** A map of string to string (tags), with AWS's key/value length limits. */
  tags(k: string): void {
    const v = this.known(k);
    if (v === undefined) return;
    if (typeof v !== "object" || Array.isArray(v)) {
      this.fail(k, `${k} must be a map of strings`);
      return;
    }
    for (const [tk, tv] of Object.entries(v as Props)) {
      if (tk.length < 1 || tk.length > 128) this.fail(k, `tag key ${JSON.stringify(tk)} must be 1-128 characters`);
      if (tk.startsWith("aws:")) this.fail(k, `tag key ${JSON.stringify(tk)} must not start with "aws:"`);
      if (isUnknown(tv)) continue;
      if (typeof tv !== "string") this.fail(k, `tag ${JSON.stringify(tk)} must have a string value`);
      else if (tv.length > 256) this.fail(k, `tag ${JSON.stringify(tk)} value must be at most 256 characters`);
    }
  }

  /** A KMS key ARN. */
  keyArn(k: string): void {
    const v = this.known(k);
    if (v !== undefined && (typeof v !== "string" || !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/\S+$/.test(v))) {
      this.fail(k, `${k} must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), got ${JSON.stringify(v)}`);
    }
  }
}

/** Fills unset inputs with defaults (the real provider's schema defaults). */
export function withDefaults(news: Props, defaults: Props): Props {
  const out: Props = { ...news };
  for (const [k, v] of Object.entries(defaults)) if (out[k] === undefined || out[k] === null) out[k] = v;
  return out;
}
