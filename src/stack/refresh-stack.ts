import { PlantonError } from "../core/planton-error";
import { refreshDrift } from "../plan/refresh-drift";
import type { ResourceChange } from "../plan/plan";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import type { StackSession } from "./stack-session";
import { noStackHint } from "./stack-targets";

/** How to refresh a stack: the engine options of a refresh (none yet; a confirmation goes here). */
export interface RefreshStackOptions {}

/** One stack's refresh: what had changed outside planton. */
export interface StackRefreshDetail {
  readonly drift: readonly ResourceChange[];
}

/**
 * Reconciles the stack's state with the cloud and reports what had drifted (a key disabled or
 * retagged outside planton). The cloud is not changed; a stack that does not exist fails.
 */
export async function refreshStack(session: StackSession<StackRefreshDetail>, _options: RefreshStackOptions): Promise<StackOutcome> {
  const { target } = session;
  const stack = await session.openExistingStack();
  if (stack === undefined) {
    throw new PlantonError("usage", `cannot refresh stack ${target.stack}: no such stack in ${target.backend.url}`, {
      hint: noStackHint(target),
    });
  }
  const done = await session.run(stack, "refresh", `refreshing stack ${target.stack}`);
  const drift = refreshDrift(done.events);
  session.record({ drift });
  session.report({ kind: "refreshed", drift });
  return { ok: true, changed: drift.length > 0 };
}

/** Refreshes every manifest's stack. */
export function refreshStacks(options: StacksOptions & RefreshStackOptions, ctx: StackContext): Promise<StacksRun<StackRefreshDetail>> {
  return runStacks({ command: "refresh", verb: "refresh", judgesPolicy: false, fromState: true }, options, ctx, (session) => refreshStack(session, options));
}
