import { PlantonError } from "../core/planton-error";
import type { Problem } from "../core/problem";
import type { OutputValue } from "../engine/run-operation";
import { hasChanges } from "../plan/build-plan";
import { summarizeRefusals } from "../plan/guard-plan";
import type { Confirm } from "./confirm-request";
import { holdToBasis } from "./hold-to-basis";
import { planStack, type PreviewStackOptions, type StackPlan } from "./preview-stack";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import type { StackSession } from "./stack-session";

/** How to apply a stack: the preview's options and who confirms. */
export interface ApplyStackOptions extends PreviewStackOptions {
  readonly confirm: Confirm;
}

/** One stack's apply: its plan, and the outputs once deployed (or unchanged). */
export interface StackApply extends StackPlan {
  /** The stack's outputs as the engine returns them; absent when the apply stopped before. */
  readonly outputs?: Readonly<Record<string, OutputValue>>;
}

/**
 * Previews the stack, refuses a guarded plan, asks for confirmation, then deploys; a plan
 * without changes deploys nothing and reads the outputs as they are.
 */
export async function applyStack(session: StackSession<StackApply>, options: ApplyStackOptions): Promise<StackOutcome> {
  const { target } = session;
  const { stack, plan, refusals, basis } = await planStack(session, options, { bind: true, pending: "resolve" });
  if (refusals.length > 0) throw refusedError(target.stack, refusals, "to apply it anyway");
  if (!hasChanges(plan)) {
    const recorded = await stack.outputs();
    // An update that was killed recorded no outputs: running the unchanged plan records them.
    const outputs = Object.keys(recorded).length > 0 ? recorded : (await session.run(stack, "update", `recording the outputs of stack ${target.stack}`)).outputs;
    session.record({ plan, refusals, outputs });
    return { ok: true, changed: false };
  }
  await options.confirm({ verb: "apply", stack: target.stack, plan, interrupted: session.interrupted });
  // What was confirmed is what runs: refused when the state moved since the preview, and the
  // engine holds the update to the preview's plan (its lock covers the update itself).
  if (basis !== undefined) await holdToBasis(stack, basis, { stack: target.stack });
  session.report({ kind: "changing", verb: "apply" });
  // The preview read the live resources; the update reads them again only when they had drifted, to
  // put the manifest back. Bound to its preview, the engine holds it to the preview's plan too.
  const done = await session.run(stack, "update", `applying stack ${target.stack}`, {
    refresh: plan.drift.length > 0,
    ...(basis !== undefined ? { enginePlan: basis.enginePlan } : {}),
  });
  session.record({ plan, refusals, outputs: done.outputs });
  return { ok: true, changed: true };
}

/** The error of an apply a safety rail refused; `anyway` ends the hint (what the overrides do). */
export function refusedError(stack: string, refusals: readonly Problem[], anyway: string): PlantonError {
  const refused = summarizeRefusals(refusals);
  return new PlantonError("refused", `cannot apply stack ${stack}: ${refused.headline}`, {
    hint: `review the plan above; pass ${refused.overrides.join(" and ")} ${anyway}`,
  });
}

/** Applies every manifest's stack. */
export function applyStacks(options: StacksOptions & ApplyStackOptions, ctx: StackContext): Promise<StacksRun<StackApply>> {
  return runStacks({ command: "apply", verb: "apply", judgesPolicy: true }, options, ctx, (session) => applyStack(session, options));
}
