import type { ResourceChange } from "../plan/plan";
import type { StackRefreshDetail } from "../stack/refresh-stack";
import { failureText, type StacksRun } from "../stack/run-stacks";
import { resultLocksJson, type LockJson } from "./lock-json";
import { anyOf, runJson, type RunJson } from "./run-json";

/** The `refresh --output json|yaml` document. */
export interface DriftJson extends RunJson {
  readonly stacks: readonly StackDriftJson[];
  /** True when any stack drifted; null when a stack could not be refreshed and no other drifted. */
  readonly drifted: boolean | null;
}

/** One stack in the `refresh --output json|yaml` document; `drift` is null when the refresh failed. */
export interface StackDriftJson {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  readonly drift: readonly ResourceDriftJson[] | null;
  /** True when the drift was written into the state (confirmed, or `--yes`). */
  readonly recorded: boolean;
  /** Who holds the stack's lock, when anyone does (since 2.1). */
  readonly locks: readonly LockJson[];
  readonly error: string | null;
}

/**
 * One drifted resource: `update` when the cloud holds other values than the state did (the
 * properties say which, last applied `before` → live `after`), `delete` when it is gone from the cloud.
 */
export interface ResourceDriftJson {
  readonly name: string;
  readonly type: string;
  readonly op: "update" | "delete";
  readonly properties: readonly { path: string; before: unknown; after: unknown }[];
}

/** The refresh of several stacks as one JSON-ready document, from the same drift as the text. */
export function driftJson(run: StacksRun<StackRefreshDetail>): DriftJson {
  const stacks = run.results.map((result): StackDriftJson => ({
    ...result.target.label,
    drift: result.detail?.drift.map(resourceDriftJson) ?? null,
    recorded: result.detail?.recorded === true,
    locks: resultLocksJson(result),
    error: failureText(result) ?? null,
  }));
  const { formatVersion, ...rest } = runJson(run);
  return { formatVersion, stacks, drifted: anyOf(run.results.map((r) => (r.detail !== undefined ? r.detail.drift.length > 0 : undefined))), ...rest };
}

/** One drifted resource in JSON: the refresh document and the plan's `drift` share this shape. */
export function resourceDriftJson(change: ResourceChange): ResourceDriftJson {
  return {
    name: change.name,
    type: change.type,
    op: change.op === "delete" ? "delete" : "update",
    // JSON has no undefined: a property the cloud added or dropped reads null on that side.
    properties: change.properties.map((p) => ({ path: p.path, before: p.before ?? null, after: p.after ?? null })),
  };
}
