import type { EngineEvent } from "../engine/engine-event";
import type { PropertyChange, ResourceChange } from "./plan";
import { isEngineBookkeeping, resourceKind } from "./resource-kind";
import { isRecord, markUnknowns } from "./unknown-value";
import { childPath } from "./property-path";

/**
 * What a refresh found changed out of band: for each resource whose state the refresh altered,
 * the properties whose recorded value differs from what the cloud reported (state before →
 * cloud now). Providers and the stack are left out; a resource gone from the cloud is a delete.
 */
export function refreshDrift(events: readonly EngineEvent[]): ResourceChange[] {
  const drift: ResourceChange[] = [];
  for (const event of events) {
    if (event.kind !== "resource-done") continue;
    const { step } = event;
    if (isEngineBookkeeping(step.type)) continue;
    const before = step.old?.outputs ?? {};
    if (step.new === undefined || step.op === "delete") {
      if (step.old !== undefined) drift.push({ urn: step.urn, type: step.type, name: step.name, kind: resourceKind(step.type), op: "delete", properties: [] });
      continue;
    }
    const properties = diffValues("", before, step.new.outputs);
    if (properties.length > 0) {
      drift.push({ urn: step.urn, type: step.type, name: step.name, kind: resourceKind(step.type), op: "update", properties });
    }
  }
  return drift;
}

function diffValues(path: string, before: unknown, after: unknown): PropertyChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !k.startsWith("__")).sort();
    return keys.flatMap((key) => diffValues(path === "" ? key : childPath(path, key), before[key], after[key]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const kind = before === undefined ? "add" : after === undefined ? "delete" : "update";
  return [{ path, kind, before: markUnknowns(before), after: markUnknowns(after), forcesReplacement: false }];
}
