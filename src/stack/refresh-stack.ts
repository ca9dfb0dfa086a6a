import { PlantonError } from "../core/planton-error";
import { refreshDrift } from "../plan/refresh-drift";
import type { ResourceChange } from "../plan/plan";
import type { Confirm } from "./confirm-request";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import type { StackSession } from "./stack-session";

/** How to refresh a stack: who confirms recording the drift. */
export interface RefreshStackOptions {
  /**
   * Asks before the drift is written into the state (`--yes` answers at once, a person at a
   * terminal is prompted); absent when nobody can be asked: the refresh only reports.
   */
  readonly confirm?: Confirm;
}

/** One stack's refresh: what had changed outside planton, and whether it went into the state. */
export interface StackRefreshDetail {
  readonly drift: readonly ResourceChange[];
  /** True when the drift was written into the stack's state. */
  readonly recorded: boolean;
}

/**
 * Reads the live resources and reports how they differ from the state (a key disabled or
 * retagged outside planton) without writing anything; then, when there is drift and it is
 * confirmed, records it in the state. Without a way to confirm it only reports. The cloud is
 * never changed; a stack that does not exist fails.
 */
export async function refreshStack(session: StackSession<StackRefreshDetail>, options: RefreshStackOptions): Promise<StackOutcome> {
  const { target } = session;
  const stack = await session.openExistingStack();
  if (stack === undefined) {
    throw new PlantonError("usage", `cannot refresh stack ${target.stack}: no such stack in ${target.backend.url}`, {
      hint: `run planton apply -f ${target.manifest.file} first`,
    });
  }
  const found = refreshDrift((await session.run(stack, "refresh-preview", `reading the live resources of stack ${target.stack}`)).events);
  session.record({ drift: found, recorded: false });
  session.report({ kind: "refreshed", drift: found });
  if (found.length === 0) return { ok: true, changed: false };
  if (options.confirm === undefined) {
    session.report({ kind: "drift-decided", recorded: false });
    return { ok: true, changed: true };
  }
  await options.confirm({ verb: "refresh", stack: target.stack, interrupted: session.interrupted });
  const drift = refreshDrift((await session.run(stack, "refresh", `recording the drift of stack ${target.stack}`)).events);
  session.record({ drift, recorded: drift.length > 0 });
  session.report({ kind: "drift-decided", recorded: true });
  return { ok: true, changed: drift.length > 0 };
}

/** Refreshes every manifest's stack. */
export function refreshStacks(options: StacksOptions & RefreshStackOptions, ctx: StackContext): Promise<StacksRun<StackRefreshDetail>> {
  return runStacks({ command: "refresh", verb: "refresh", judgesPolicy: false }, options, ctx, (session) => refreshStack(session, options));
}
