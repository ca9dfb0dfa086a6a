/**
 * Helpers for the plain-JSON property values the Pulumi engine hands a provider:
 * unknowns (preview), secrets, equality, and small typed readers.
 */

/** The string the engine sends for a value that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A JSON-ish property bag. */
export type Props = Record<string, unknown>;

/** True when `v` is the engine's "unknown during preview" sentinel. */
export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

/** True when `v` or anything inside it is unknown. */
export function containsUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Replaces every secret wrapper with its plain value. The engine re-marks outputs
 * as secret from the inputs, so the provider never needs to keep the wrappers.
 */
export function unwrapSecrets<T>(v: T): T {
  if (Array.isArray(v)) return v.map(unwrapSecrets) as unknown as T;
  if (v !== null && typeof v === "object") {
    const o = v as Props;
    if (o[SIG_KEY] === SECRET_SIG) return unwrapSecrets(o["value"]) as T;
    const out: Props = {};
    for (const [k, x] of Object.entries(o)) out[k] = unwrapSecrets(x);
    return out as T;
  }
  return v;
}

/** Deep structural equality of JSON values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a as Props).filter((k) => (a as Props)[k] !== undefined);
  const kb = Object.keys(b as Props).filter((k) => (b as Props)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Props)[k], (b as Props)[k]));
}

/**
 * True when two policy documents are equivalent, as the real provider judges them (its
 * `policy` diff is suppressed for equivalent policies, hashicorp/awspolicyequivalence):
 * whitespace and key order, statement order, the order of values in a list, and one value vs a
 * list of one are ignored; Version, Id, Sids, effects and every value still count.
 */
export function policiesEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return a === b;
  try {
    return deepEqual(equivalenceForm(JSON.parse(a)), equivalenceForm(JSON.parse(b)));
  } catch {
    return a === b;
  }
}

function equivalenceForm(doc: unknown): unknown {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return doc;
  const record = doc as Props;
  const raw = record["Statement"];
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((s) => valueSets(s));
  return { ...record, Statement: statements.map((s) => JSON.stringify(s)).sort() };
}

/** Every list a sorted set of its values, a list of one its value, objects with sorted keys. */
function valueSets(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = [...new Set(value.map((v) => JSON.stringify(valueSets(v))))].sort().map((v) => JSON.parse(v) as unknown);
    return items.length === 1 ? items[0] : items;
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Props;
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, valueSets(record[k])]));
}

/** Reads a known string property, or undefined. */
export function str(p: Props, k: string): string | undefined {
  const v = p[k];
  return typeof v === "string" && !isUnknown(v) ? v : undefined;
}

/** Reads a boolean property (the engine may send JSON-encoded "true"/"false"), or the default. */
export function bool(p: Props, k: string, dflt: boolean): boolean {
  const v = p[k];
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return dflt;
}

/** Reads a numeric property (number or numeric string), or the default. */
export function num(p: Props, k: string, dflt: number): number;
export function num(p: Props, k: string): number | undefined;
export function num(p: Props, k: string, dflt?: number): number | undefined {
  const v = p[k];
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !isUnknown(v) && Number.isFinite(Number(v))) return Number(v);
  return dflt;
}

/** Reads a string map (tags), dropping non-string values; undefined becomes {}. */
export function strMap(p: Props, k: string): Record<string, string> {
  const v = p[k];
  const out: Record<string, string> = {};
  if (v && typeof v === "object" && !Array.isArray(v)) {
    for (const [tk, tv] of Object.entries(v)) if (typeof tv === "string") out[tk] = tv;
  }
  return out;
}

/** Drops undefined entries so results serialize cleanly into a protobuf Struct. */
export function compact(p: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
  return out;
}
