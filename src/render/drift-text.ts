import type { ResourceChange } from "../plan/plan";
import { palette, type Palette } from "./palette";
import { changeDetailLines } from "./property-lines";

/**
 * What changed outside planton, one block per resource: `~ name (type)` with each property as
 * `last applied → live`, or `- name (type): gone from the cloud`. The plan's drift section and
 * `refresh` both show drift this way.
 */
export function driftLines(drift: readonly ResourceChange[], p: Palette): string[] {
  return drift.flatMap((change) => {
    if (change.op === "delete") return [`  ${p.delete("-")} ${p.strong(change.name)} ${p.faint(`(${change.type})`)}: gone from the cloud (deleted, or scheduled for deletion)`];
    return [`  ${p.update("~")} ${p.strong(change.name)} ${p.faint(`(${change.type})`)}`, ...changeDetailLines(change, p)];
  });
}

/** What became of the drift a refresh found: written into the state, or only reported. */
export type DriftRecord = "recorded" | "reported";

/**
 * What a refresh found changed outside planton, per resource and property; or a line saying the
 * live resources match the state. driftRecordLine follows once it is known what became of it.
 */
export function renderDriftText(stack: string, drift: readonly ResourceChange[], options: { colour: boolean }): string {
  const p = palette(options.colour);
  if (drift.length === 0) return `Stack ${stack}: no drift; the live resources match the state.\n`;
  return `${[`Stack ${stack}: changed outside planton since the last apply:`, ...driftLines(drift, p)].join("\n")}\n`;
}

/** The line under a refresh's drift: whether it was written into the state, and what next. */
export function driftRecordLine(record: DriftRecord): string {
  switch (record) {
    case "recorded":
      return "Recorded in the stack's state. Run `planton preview` to see what apply would change back.\n";
    case "reported":
      return "Not recorded in the state (pass --yes to record it); `planton apply` puts the manifest back.\n";
  }
}

/** One stack's outcome in a refresh: its drift, or why the refresh failed. */
export interface StackRefresh {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  /** Undefined when the refresh failed. */
  readonly drift?: readonly ResourceChange[];
  /** True when the drift was written into the state. */
  readonly recorded?: boolean;
  /** Why the refresh failed, when it did. */
  readonly error?: string;
}

/** The `refresh --output json|yaml` document. */
export interface DriftJson {
  readonly stacks: readonly StackDriftJson[];
  /** True when any stack drifted. */
  readonly drifted: boolean;
}

/** One stack in the `refresh --output json|yaml` document; `drift` is null when the refresh failed. */
export interface StackDriftJson {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  readonly drift: readonly ResourceDriftJson[] | null;
  /** True when the drift was written into the state (confirmed, or `--yes`). */
  readonly recorded: boolean;
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
export function driftJson(refreshes: readonly StackRefresh[]): DriftJson {
  const stacks = refreshes.map((r): StackDriftJson => ({
    stack: r.stack,
    file: r.file,
    name: r.name,
    drift: r.drift?.map(resourceDriftJson) ?? null,
    recorded: r.recorded === true,
    error: r.error ?? null,
  }));
  return { stacks, drifted: stacks.some((s) => s.drift !== null && s.drift.length > 0) };
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
