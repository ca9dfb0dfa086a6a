import { buildPlan } from "../plan/build-plan";
import type { Plan } from "../plan/plan";
import type { Confirm } from "./confirm-request";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import type { StackSession } from "./stack-session";

/** How to destroy a stack. */
export interface DestroyStackOptions {
  /** The moment deletion is scheduled from (the clock, decided at the edge). */
  readonly now: () => Date;
  readonly confirm: Confirm;
}

/** One stack's destroy: what its destroy preview planned, when, and whether the engine ran it. */
export interface StackDestroyDetail {
  /** Absent when the stack does not exist (nothing to destroy). */
  readonly planned?: { readonly plan: Plan; readonly at: Date };
  /** True once the engine ran the destroy. */
  readonly destroyed: boolean;
}

/**
 * Previews the destroy of the manifest's stack, reports what will be scheduled for deletion,
 * asks for confirmation, then destroys through the engine (keys are scheduled for deletion after
 * their window, never deleted at once; a protected key makes the engine refuse). A stack that
 * does not exist is nothing to destroy.
 */
export async function destroyStack(session: StackSession<StackDestroyDetail>, options: DestroyStackOptions): Promise<StackOutcome> {
  const { target } = session;
  const stack = await session.openExistingStack();
  if (stack === undefined) {
    session.record({ destroyed: false });
    return { ok: true, changed: false };
  }
  const preview = await session.run(stack, "destroy-preview", `previewing the destroy of stack ${target.stack}`);
  const planned = { plan: buildPlan(target.label, preview.events), at: options.now() };
  session.record({ planned, destroyed: false });
  session.report({ kind: "destroy-planned", ...planned });
  if (planned.plan.summary.delete === 0) return { ok: true, changed: false };
  await options.confirm({ verb: "destroy", stack: target.stack, plan: planned.plan, interrupted: session.interrupted });
  session.report({ kind: "changing", verb: "destroy" });
  await session.run(stack, "destroy", `destroying stack ${target.stack}`);
  session.record({ planned, destroyed: true });
  return { ok: true, changed: true };
}

/** Destroys every manifest's stack. */
export function destroyStacks(options: StacksOptions & DestroyStackOptions, ctx: StackContext): Promise<StacksRun<StackDestroyDetail>> {
  return runStacks({ command: "destroy", verb: "destroy", judgesPolicy: false }, options, ctx, (session) => destroyStack(session, options));
}
