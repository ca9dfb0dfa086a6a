import { PlantonError } from "../core/planton-error";
import type { EngineStack } from "../engine/engine";
import type { PlanBasis } from "./preview-stack";

/**
 * Refuses an update whose plan no longer holds: the stack's state moved since the preview (an
 * update, refresh or destroy landed: another apply), or it moved because this saved plan was
 * applied already (`appliedTag` found in the stack's update history). Nothing is applied then.
 */
export async function holdToBasis(stack: EngineStack, basis: Pick<PlanBasis, "state">, what: { readonly stack: string; readonly appliedTag?: string }): Promise<void> {
  if ((await stack.stateStamp()) === basis.state) return;
  const { appliedTag } = what;
  if (appliedTag !== undefined && (await stack.updateMessages()).some((m) => m.includes(appliedTag))) {
    throw new PlantonError("moved", `cannot apply stack ${what.stack}: this plan was applied already`, {
      hint: "a saved plan applies once; preview again (preview --out) for a new plan",
    });
  }
  throw new PlantonError("moved", `cannot apply stack ${what.stack}: its state changed since the plan was made (another apply, refresh or destroy landed in between)`, {
    hint: "nothing was applied; preview again, review the new plan, and apply that",
  });
}
