import type { Problem } from "../core/problem";
import { hasChanges } from "../plan/build-plan";
import type { Plan, PlanSummary, PolicyDiff, PropertyChange } from "../plan/plan";
import type { StackPlan } from "../stack/preview-stack";
import { failureText, type StacksRun } from "../stack/run-stacks";
import { anyOf, runJson, type RunJson } from "./run-json";
import { resourceDriftJson, type ResourceDriftJson } from "./drift-json";
import { resultLocksJson, type LockJson } from "./lock-json";

/** One stack's outcome in a preview: its plan, or why there is none. */
export interface StackPreview {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  /** Undefined when the preview failed. */
  readonly plan?: Plan;
  /** Safety-rail refusals of the plan. */
  readonly refusals: readonly Problem[];
  /** Why the preview failed, when it did. */
  readonly error?: string;
  /** Who holds the stack's lock (none when absent). */
  readonly locks?: readonly LockJson[];
}

/** Each stack's preview in a run, in input order: its plan, or why there is none. */
export function stackPreviews(run: StacksRun<StackPlan>): StackPreview[] {
  return run.results.map((result) => {
    const error = failureText(result);
    return { ...result.target.label, refusals: [], ...result.detail, ...(error !== undefined ? { error } : {}), locks: resultLocksJson(result) };
  });
}

/** The `preview --output json` document. */
export interface PlanJson extends RunJson {
  readonly stacks: readonly StackPlanJson[];
  /** True when any stack's plan has changes; null when a stack has no plan and none of the others changes. */
  readonly hasChanges: boolean | null;
}

/** One stack in the `preview --output json` document. */
export interface StackPlanJson {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  readonly steps: readonly {
    op: string;
    type: string;
    name: string;
    urn: string;
    properties: readonly PropertyChange[];
    /** The key policy diff, statement by statement; only on steps whose key policy changes. */
    policy?: PolicyDiff;
  }[];
  /**
   * What changed outside planton since the last apply (last applied `before` → live `after`),
   * read before planning; empty under `--no-refresh`; null when the preview failed. Since 1.1.
   */
  readonly drift: readonly ResourceDriftJson[] | null;
  readonly summary: PlanSummary | null;
  readonly monthlyCostUsd: number | null;
  readonly refusals: readonly { path: string; message: string }[];
  /** Who holds the stack's lock, when anyone does (since 2.1). */
  readonly locks: readonly LockJson[];
  readonly error: string | null;
}

/** The preview of several stacks as one JSON-ready document, from the same Plans as the text. */
export function planJson(previews: readonly StackPreview[], run: Pick<StacksRun<unknown>, "ok" | "problems" | "error">): PlanJson {
  const stacks = previews.map((preview): StackPlanJson => ({
    stack: preview.stack,
    file: preview.file,
    name: preview.name,
    steps: (preview.plan?.changes ?? []).map((c) => ({
      op: c.op,
      type: c.type,
      name: c.name,
      urn: c.urn,
      properties: c.properties,
      ...(c.policy !== undefined ? { policy: c.policy } : {}),
    })),
    drift: preview.plan?.drift.map(resourceDriftJson) ?? null,
    summary: preview.plan?.summary ?? null,
    monthlyCostUsd: preview.plan?.monthlyCostUsd ?? null,
    refusals: preview.refusals.map((p) => ({ path: p.path, message: p.message })),
    locks: preview.locks ?? [],
    error: preview.error ?? null,
  }));
  const changed = anyOf(previews.map((p) => (p.plan !== undefined ? hasChanges(p.plan) : undefined)));
  const { formatVersion, ...rest } = runJson(run);
  return { formatVersion, stacks, hasChanges: changed, ...rest };
}
