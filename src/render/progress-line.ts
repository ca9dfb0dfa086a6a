import { defaultDeletionWindowDays } from "../defaults/apply-defaults";
import type { EngineEvent, StepInfo, StepOp } from "../engine/engine-event";
import { isEngineBookkeeping, resourceKind } from "../plan/resource-kind";

const STARTED: Partial<Record<StepOp, string>> = {
  create: "creating",
  update: "updating",
  delete: "deleting",
  replace: "replacing",
  "create-replacement": "creating replacement",
  "delete-replaced": "deleting replaced",
  refresh: "refreshing",
  read: "reading",
  import: "importing",
};

const DONE: Partial<Record<StepOp, string>> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  replace: "replaced",
  "create-replacement": "created replacement",
  "delete-replaced": "deleted replaced",
  refresh: "refreshed",
  read: "read",
  import: "imported",
};

// KMS never deletes a key at once: deleting one schedules its deletion after its window.
const KEY_STARTED: Partial<Record<StepOp, string>> = { delete: "scheduling deletion of", "delete-replaced": "scheduling deletion of replaced" };
const KEY_DONE: Partial<Record<StepOp, string>> = { delete: "scheduled deletion of", "delete-replaced": "scheduled deletion of replaced" };

/**
 * One line of live progress for a deployment event (`creating key (aws:kms/key:Key)`), or
 * undefined for events that are not progress: plan-time events, unchanged resources, the stack
 * and providers (engine bookkeeping). A key's deletion is said to be scheduled, and once it is,
 * the line names the key id and the moment it becomes unrecoverable (`now` + its window).
 */
export function progressLine(event: EngineEvent, now: Date): string | undefined {
  switch (event.kind) {
    case "step-planned":
    case "resource-done": {
      if (event.planning || isEngineBookkeeping(event.step.type)) return undefined;
      const done = event.kind === "resource-done";
      const isKey = resourceKind(event.step.type) === "key" || resourceKind(event.step.type) === "replica-key";
      const verb = (isKey ? (done ? KEY_DONE : KEY_STARTED)[event.step.op] : undefined) ?? (done ? DONE : STARTED)[event.step.op];
      if (verb === undefined) return undefined;
      const line = `  ${verb} ${event.step.name} (${event.step.type})`;
      return isKey && done && KEY_DONE[event.step.op] !== undefined ? `${line}${scheduledDetail(event.step, now)}` : line;
    }
    case "resource-failed":
      return isEngineBookkeeping(event.step.type) ? undefined : `  failed ${event.step.name} (${event.step.type})`;
    case "diagnostic":
      return event.severity === "warning" ? `  warning: ${event.message.trim()}` : undefined;
    case "summary":
    case "cancelled":
      return undefined;
  }
}

/** `: key 1234…, unrecoverable after 2026-12-31 10:00 UTC (…)`, as destroy says it. */
function scheduledDetail(step: StepInfo, now: Date): string {
  const window = step.old?.outputs["deletionWindowInDays"] ?? step.old?.inputs["deletionWindowInDays"];
  const days = typeof window === "number" && window > 0 ? window : defaultDeletionWindowDays;
  const when = new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 16).replace("T", " ");
  const id = step.old?.id ? `key ${step.old.id}, ` : "";
  return `: ${id}unrecoverable after ${when} UTC (cancel before then with aws kms cancel-key-deletion)`;
}
