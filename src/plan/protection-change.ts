import type { StepInfo } from "../engine/engine-event";
import type { ChangeOp, PropertyChange } from "./plan";

/** How the plan names a change of Pulumi's `protect` option: after the manifest field behind it. */
export const PROTECTION_PROPERTY = "deletionProtection";

/**
 * The change a step makes to its resource's deletion protection (`spec.deletionProtection`,
 * deployed as Pulumi's `protect` resource option), if any. The engine changes protection without
 * a provider call: a step that changes nothing else stays a `same`, and only its old and new
 * `protect` tell; `up` still writes the new flag into the state. The plan makes it a property
 * change of its own, so a protection turned on or off alone shows, counts as a change and is
 * applied. A new resource shows its protection only when it is on.
 */
export function protectionChange(step: StepInfo, op: ChangeOp): PropertyChange | undefined {
  switch (op) {
    case "create":
      return step.new?.protect === true ? { path: PROTECTION_PROPERTY, kind: "add", after: true, forcesReplacement: false } : undefined;
    case "same":
    case "update":
    case "replace": {
      const before = step.old?.protect === true;
      const after = step.new?.protect === true;
      // A step without a new state (a refresh's read) says nothing about the flag.
      if (step.old === undefined || step.new === undefined || before === after) return undefined;
      return { path: PROTECTION_PROPERTY, kind: "update", before, after, forcesReplacement: false };
    }
    case "delete":
      return undefined;
  }
}
