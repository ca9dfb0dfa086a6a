import type { EngineEvent, StepOp } from "../engine/engine-event";
import { isEngineBookkeeping } from "../plan/resource-kind";

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

/**
 * One line of live progress for a deployment event (`creating key (aws:kms/key:Key)`), or
 * undefined for events that are not progress: plan-time events, unchanged resources, the stack
 * and providers (engine bookkeeping).
 */
export function progressLine(event: EngineEvent): string | undefined {
  switch (event.kind) {
    case "step-planned":
    case "resource-done": {
      if (event.planning || isEngineBookkeeping(event.step.type)) return undefined;
      const verb = (event.kind === "step-planned" ? STARTED : DONE)[event.step.op];
      return verb === undefined ? undefined : `  ${verb} ${event.step.name} (${event.step.type})`;
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
