import type { EngineEvent, StepInfo } from "../engine/engine-event";
import { attachPolicyDiff } from "./attach-policy-diff";
import type { PropertyChange, ResourceChange } from "./plan";
import { childPath, topLevelProperty } from "./property-path";
import { byKindThenName, isEngineBookkeeping, resourceKind } from "./resource-kind";
import { isRecord, markUnknowns } from "./unknown-value";

/**
 * What a refresh found changed outside planton: for each resource the refresh read, the
 * properties whose live value differs from the state (last applied → live). A refresh step is
 * the engine's `refresh` step of a refreshing preview or update, or any step of a `refresh`
 * operation (whose finished steps carry the outcome: same, update or delete).
 *
 * Which properties drifted is the engine's judgement (the provider's diff of the live state
 * against the last applied inputs), so values only the provider computes (`tagsAll`, a policy's
 * formatting) are no drift; a resource gone from the cloud is a `delete`. Providers and the
 * stack are left out.
 */
export function refreshDrift(events: readonly EngineEvent[]): ResourceChange[] {
  const refreshing = new Set<string>();
  const drift = new Map<string, ResourceChange>();
  for (const event of events) {
    if (event.kind === "step-planned" && event.step.op === "refresh") refreshing.add(event.step.urn);
    if (event.kind !== "resource-done" || isEngineBookkeeping(event.step.type)) continue;
    const { step } = event;
    // A refreshing preview or update goes on to plan the resource: only its refresh step's result counts.
    if (!refreshing.delete(step.urn) && step.op !== "refresh") continue;
    const change = driftOf(step);
    if (change !== undefined) drift.set(step.urn, change);
  }
  return [...drift.values()].sort(byKindThenName);
}

function driftOf(step: StepInfo): ResourceChange | undefined {
  const resource = { urn: step.urn, type: step.type, name: step.name, kind: resourceKind(step.type) };
  if (step.old === undefined) return undefined;
  if (step.new === undefined || step.op === "delete") return { ...resource, op: "delete", properties: [] };
  const before = step.old.outputs;
  const after = step.new.outputs;
  const changed = new Set([...step.diffs, ...Object.keys(step.detailedDiff ?? {})].map(topLevelProperty));
  const properties = [...changed].sort().flatMap((key) => diffValues(key, before[key], after[key]));
  if (properties.length === 0) return undefined;
  const change = attachPolicyDiff({ ...resource, op: "update", properties });
  return change.op === "same" ? undefined : change;
}

function diffValues(path: string, before: unknown, after: unknown): PropertyChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !k.startsWith("__")).sort();
    return keys.flatMap((key) => diffValues(childPath(path, key), before[key], after[key]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const kind = before === undefined ? "add" : after === undefined ? "delete" : "update";
  return [{ path, kind, before: markUnknowns(before), after: markUnknowns(after), forcesReplacement: false }];
}
