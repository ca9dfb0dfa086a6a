import type { ResourceChange } from "../plan/plan";
import { formatValue } from "./format-value";
import { palette } from "./palette";

/**
 * What a refresh changed in the state, per resource and property (`~ isEnabled = true → false`),
 * or a line saying the state already matched the cloud.
 */
export function renderDriftText(stack: string, drift: readonly ResourceChange[], options: { colour: boolean }): string {
  const p = palette(options.colour);
  if (drift.length === 0) return `Stack ${stack}: no drift; the state matches the cloud.\n`;
  const lines = [`Stack ${stack}: the refresh recorded changes made outside planton:`];
  for (const change of drift) {
    if (change.op === "delete") {
      lines.push(`  ${p.delete("-")} ${change.name} (${change.type}): gone from the cloud`);
      continue;
    }
    lines.push(`  ${p.update("~")} ${change.name} (${change.type})`);
    for (const prop of change.properties) {
      lines.push(`      ~ ${prop.path} = ${formatValue(prop.before, "        ")} → ${formatValue(prop.after, "        ")}`);
    }
  }
  lines.push("Run `planton preview` to see what apply would change back.");
  return `${lines.join("\n")}\n`;
}

/** One stack's outcome in a refresh: its drift, or why the refresh failed. */
export interface StackRefresh {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  /** Undefined when the refresh failed. */
  readonly drift?: readonly ResourceChange[];
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
  readonly error: string | null;
}

/**
 * One drifted resource: `update` when the cloud holds other values than the state did (the
 * properties say which, state before → cloud now), `delete` when it is gone from the cloud.
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
    error: r.error ?? null,
  }));
  return { stacks, drifted: stacks.some((s) => s.drift !== null && s.drift.length > 0) };
}

function resourceDriftJson(change: ResourceChange): ResourceDriftJson {
  return {
    name: change.name,
    type: change.type,
    op: change.op === "delete" ? "delete" : "update",
    // JSON has no undefined: a property the cloud added or dropped reads null on that side.
    properties: change.properties.map((p) => ({ path: p.path, before: p.before ?? null, after: p.after ?? null })),
  };
}
