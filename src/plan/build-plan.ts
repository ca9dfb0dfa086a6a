import type { EngineEvent, StepInfo, StepOp } from "../engine/engine-event";
import { attachPolicyDiff } from "./attach-policy-diff";
import { refreshDrift } from "./refresh-drift";
import type { ChangeOp, Plan, PlanSummary, PropertyChange, ResourceChange } from "./plan";
import { childPath, topLevelProperty, valueAtPath } from "./property-path";
import { protectionChange } from "./protection-change";
import { byKindThenName, isEngineBookkeeping, resourceKind } from "./resource-kind";
import { isRecord, markUnknowns } from "./unknown-value";

/** Which stack and manifest a plan belongs to. */
export interface PlanTarget {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
}

/** Monthly price of one KMS key or replica key, in USD (AWS list price). */
export const KEY_MONTHLY_USD = 1;

/**
 * Builds the structured Plan of one stack from a preview's engine events. Each resource appears
 * once, in a stable order (see Plan.changes): the steps of a replacement (create-replacement, replace,
 * delete-replaced) fold into one `replace` change. A `delete-replaced` with no replacement in
 * this plan deletes the old copy a failed replacement left behind: a `delete` of its own.
 * The refresh steps of a refreshing preview are the drift (see refreshDrift), not changes.
 */
export function buildPlan(target: PlanTarget, events: readonly EngineEvent[]): Plan {
  const all = events.flatMap((e) => (e.kind === "step-planned" && e.step.op !== "refresh" ? [e.step] : []));
  // The stack resource and the providers are engine bookkeeping, not the user's resources: like
  // `terraform plan`, the plan shows keys and aliases only, but counts their changes (hiddenChanges).
  const planned = all.filter((s) => !isEngineBookkeeping(s.type)).map(withRecordedProtection(events));
  const hidden = new Set(all.filter((s) => isEngineBookkeeping(s.type) && changeOp(s.op) !== undefined && changeOp(s.op) !== "same").map((s) => s.urn));
  const replaced = new Set(planned.filter((s) => s.op === "replace" || s.op === "create-replacement").map((s) => s.urn));
  const steps = new Map<string, StepInfo>();
  for (const planStep of planned) {
    const leftover = planStep.op === "delete-replaced" && !replaced.has(planStep.urn);
    const step: StepInfo = leftover ? { ...planStep, op: "delete", name: `${planStep.name} (old copy)` } : planStep;
    const slot = leftover ? `${step.urn}#old` : step.urn;
    const seen = steps.get(slot);
    if (seen === undefined || opRank(step.op) > opRank(seen.op)) steps.set(slot, step);
  }
  const changes: ResourceChange[] = [];
  for (const step of steps.values()) {
    const op = changeOp(step.op);
    if (op !== undefined) changes.push(attachPolicyDiff(toResourceChange(step, op)));
  }
  changes.sort(byKindThenName);
  return { ...target, changes, summary: summarize(changes), monthlyCostUsd: monthlyCost(changes), hiddenChanges: hidden.size, drift: refreshDrift(events) };
}


/**
 * A refresh that runs the program (`--run-program`) takes the resource options, `protect`
 * among them, from the program, so the step after it would see no protection change: the
 * refresh's own old state is what the stack recorded, and says what the flag was.
 */
function withRecordedProtection(events: readonly EngineEvent[]): (step: StepInfo) => StepInfo {
  const recorded = new Map<string, boolean>();
  for (const e of events) {
    if (e.kind === "step-planned" && e.step.op === "refresh" && e.step.old !== undefined) recorded.set(e.step.urn, e.step.old.protect);
  }
  return (step) => {
    const protect = recorded.get(step.urn);
    return protect === undefined || step.old === undefined ? step : { ...step, old: { ...step.old, protect } };
  };
}

/**
 * Which of several steps for one URN describes it best: the logical `replace` wins, and any
 * change beats `same` (a destroy that runs the program registers each resource, a `same`, and
 * then deletes it).
 */
function opRank(op: StepOp): number {
  switch (op) {
    case "replace":
      return 4;
    case "create-replacement":
    case "delete-replaced":
    case "import-replacement":
    case "read-replacement":
      return 3;
    case "same":
      return 1;
    case "create":
    case "update":
    case "delete":
    case "read":
    case "refresh":
    case "import":
      return 2;
    case "discard":
    case "discard-replaced":
    case "remove-pending-replace":
      return 0;
  }
}

function changeOp(op: StepOp): ChangeOp | undefined {
  switch (op) {
    case "same":
    case "read":
    case "refresh":
      return "same";
    case "create":
    case "import":
      return "create";
    case "update":
      return "update";
    case "delete":
      return "delete";
    case "replace":
    case "create-replacement":
    case "delete-replaced":
    case "import-replacement":
    case "read-replacement":
      return "replace";
    case "discard":
    case "discard-replaced":
    case "remove-pending-replace":
      return undefined;
  }
}

function toResourceChange(step: StepInfo, op: ChangeOp): ResourceChange {
  const protection = protectionChange(step, op);
  return {
    urn: step.urn,
    type: step.type,
    name: step.name,
    kind: resourceKind(step.type),
    // Protection turned on or off alone is an in-place change of the resource (see protectionChange).
    op: op === "same" && protection !== undefined ? "update" : op,
    properties: sortByPath([...propertyChanges(step, op), ...(protection !== undefined ? [protection] : [])]),
  };
}

function propertyChanges(step: StepInfo, op: ChangeOp): PropertyChange[] {
  switch (op) {
    case "same":
      return [];
    case "create":
      return userProperties(step.new?.inputs).map(([path, after]) => ({ path, kind: "add", after, forcesReplacement: false }));
    case "delete":
      return userProperties(step.old?.inputs).map(([path, before]) => ({ path, kind: "delete", before, forcesReplacement: false }));
    case "update":
    case "replace":
      return changedProperties(step);
  }
}

/** Top-level inputs a user set; `__`-prefixed keys are the engine's own. */
function userProperties(inputs: Readonly<Record<string, unknown>> | undefined): [string, unknown][] {
  return Object.entries(inputs ?? {})
    .filter(([key]) => !key.startsWith("__"))
    .map(([key, value]) => [key, markUnknowns(value)]);
}

function changedProperties(step: StepInfo): PropertyChange[] {
  const oldInputs = step.old?.inputs ?? {};
  const oldOutputs = step.old?.outputs ?? {};
  const newInputs = step.new?.inputs ?? {};
  const replaceKeys = new Set(step.replaceKeys);
  if (step.detailedDiff !== undefined && Object.keys(step.detailedDiff).length > 0) {
    return Object.entries(step.detailedDiff).flatMap(([path, diff]) => {
      const after = markUnknowns(valueAtPath(newInputs, path));
      const before = markUnknowns(oldValue(path, diff.inputDiff, oldInputs, oldOutputs, after));
      const forces = diff.kind.endsWith("-replace") || replaceKeys.has(topLevelProperty(path));
      return expand(path, before, after, forces);
    });
  }
  const paths = step.diffs.length > 0 ? step.diffs : differingKeys(oldInputs, newInputs);
  return paths.flatMap((path) =>
    expand(path, markUnknowns(valueAtPath(oldInputs, path)), markUnknowns(valueAtPath(newInputs, path)), replaceKeys.has(path)),
  );
}

/**
 * The value a property had: from the old inputs when the provider diffed inputs, else from the
 * old state. A provider that diffed the state but flagged the diff as an input diff would show
 * `true → true` for a key disabled out of band; the other side is taken when one equals `after`.
 */
function oldValue(path: string, inputDiff: boolean, inputs: Readonly<Record<string, unknown>>, outputs: Readonly<Record<string, unknown>>, after: unknown): unknown {
  const [first, second] = inputDiff ? [inputs, outputs] : [outputs, inputs];
  const preferred = valueAtPath(first, path);
  const other = valueAtPath(second, path);
  if (preferred === undefined) return other;
  const same = JSON.stringify(markUnknowns(preferred)) === JSON.stringify(after);
  return same && other !== undefined ? other : preferred;
}

/** Spreads a change of a map (tags) into one change per key, so the plan says which tag changed. */
function expand(path: string, before: unknown, after: unknown, forcesReplacement: boolean): PropertyChange[] {
  if (isRecord(before) && isRecord(after)) {
    return differingKeys(before, after).flatMap((key) => expand(childPath(path, key), before[key], after[key], forcesReplacement));
  }
  const kind = before === undefined ? "add" : after === undefined ? "delete" : "update";
  return [{ path, kind, before, after, forcesReplacement }];
}

function differingKeys(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => !key.startsWith("__")));
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

function sortByPath(properties: PropertyChange[]): PropertyChange[] {
  return [...properties].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function summarize(changes: readonly ResourceChange[]): PlanSummary {
  const summary: Record<ChangeOp, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const change of changes) summary[change.op] += 1;
  return summary;
}

/** $1 a month per key and replica key that still exists once the plan is applied. */
function monthlyCost(changes: readonly ResourceChange[]): number {
  const keys = changes.filter((c) => (c.kind === "key" || c.kind === "replica-key") && c.op !== "delete");
  return keys.length * KEY_MONTHLY_USD;
}

/**
 * True when applying the plan would change anything: a key, replica or alias, or a hidden
 * provider or stack resource (see hiddenChanges), or when something changed outside planton
 * (apply records it, or puts the manifest back), so apply runs the update and
 * `preview --detailed-exitcode` exits 2 for those too.
 */
export function hasChanges(plan: Plan): boolean {
  return visibleChanges(plan) + plan.hiddenChanges + plan.drift.length > 0;
}

/** How many of the resources the plan shows (keys, replicas, aliases) change. */
export function visibleChanges(plan: Plan): number {
  return plan.summary.create + plan.summary.update + plan.summary.replace + plan.summary.delete;
}
