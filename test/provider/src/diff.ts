/**
 * A small, declarative property diff: each resource lists its input properties,
 * which of them force replacement, and how to compare them. The result carries a
 * per-property detailed diff so `pulumi preview` shows what changes and what
 * forces a replacement.
 */
import { DiffResult } from "@pulumi/pulumi/provider";
import { Props, containsUnknown, deepEqual } from "./values";

/** How one input property behaves in a diff. */
export interface PropSpec {
  name: string;
  /** A change forces a new resource (ForceNew). */
  replace?: boolean;
  /** Optional+computed: when the program leaves it unset, whatever is in state is fine. */
  computed?: boolean;
  /** The value an unset property stands for (unset vs. this value is no change). */
  dflt?: unknown;
  /** Custom equality (e.g. JSON policies, key id vs. ARN). */
  equal?: (a: unknown, b: unknown) => boolean;
}

/** Kinds of a property change, as in the engine's PropertyDiff.Kind. */
export type DiffKind = "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

/** A DiffResult plus what the engine's detailed diff needs. */
export interface DetailedDiffResult extends DiffResult {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly diffs: string[];
  readonly detailedDiff: Record<string, { kind: DiffKind; inputDiff: boolean }>;
}

/** Diffs old state (`olds`) against new checked inputs (`news`) over `specs`. */
export function diffProps(specs: PropSpec[], olds: Props, news: Props, ignoreChanges: string[] = []): DetailedDiffResult {
  const replaces: string[] = [];
  const diffs: string[] = [];
  const detailedDiff: Record<string, { kind: DiffKind; inputDiff: boolean }> = {};
  for (const spec of specs) {
    if (ignoreChanges.includes(spec.name)) continue;
    const kind = changeKind(spec, olds[spec.name], news[spec.name]);
    if (!kind) continue;
    const full = (spec.replace ? `${kind}_REPLACE` : kind) as DiffKind;
    diffs.push(spec.name);
    detailedDiff[spec.name] = { kind: full, inputDiff: true };
    if (spec.replace) replaces.push(spec.name);
  }
  return { changes: diffs.length > 0, replaces, diffs, detailedDiff };
}

function changeKind(spec: PropSpec, o: unknown, n: unknown): "ADD" | "DELETE" | "UPDATE" | undefined {
  const eq = spec.equal ?? deepEqual;
  const isDefault = (v: unknown) => spec.dflt !== undefined && eq(v, spec.dflt);
  if (n === undefined || n === null) {
    if (spec.computed || o === undefined || o === null || isDefault(o)) return undefined;
    return "DELETE";
  }
  if (containsUnknown(n)) return o === undefined ? "ADD" : "UPDATE";
  if (o === undefined || o === null) return isDefault(n) ? undefined : "ADD";
  return eq(o, n) ? undefined : "UPDATE";
}
