import { PlantonError } from "../core/planton-error";
import type { StackLock } from "../engine/stack-lock";
import type { Confirm } from "./confirm-request";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import type { StackSession } from "./stack-session";

/** How to unlock a stack: confirm before removing. */
export interface UnlockStackOptions {
  readonly confirm: Confirm;
}

/** One stack's unlock: the locks found, and those removed (all of them, or none). */
export interface StackUnlockDetail {
  readonly found: readonly StackLock[];
  readonly removed: readonly StackLock[];
}

/**
 * Clears the locks of the stack safely: lists them (reported, so the person sees who holds
 * them), refuses while a holder still runs on this host, confirms, then removes exactly the locks
 * listed: a run that took the lock meanwhile keeps its own. A stack without a lock is left alone.
 */
export async function unlockStack(session: StackSession<StackUnlockDetail>, options: UnlockStackOptions): Promise<StackOutcome> {
  const { target } = session;
  const found = await session.listLocks();
  session.record({ found, removed: [] });
  session.report({ kind: "unlock-planned", locks: found });
  if (found.length === 0) return { ok: true, changed: false };
  const live = found.filter((lock) => lock.status === "running");
  if (live.length > 0) {
    const pids = live.map((lock) => lock.holder?.pid).join(", ");
    throw new PlantonError("refused", `cannot unlock stack ${target.stack}: its lock is held by a run still active on this host (pid ${pids})`, {
      hint: "wait for that run to finish, or stop it (Ctrl-C, or kill -TERM the pid): it releases its lock itself",
    });
  }
  await options.confirm({ verb: "unlock", stack: target.stack, interrupted: session.interrupted });
  await session.removeLocks(found);
  session.record({ found, removed: found });
  return { ok: true, changed: true };
}

/** Unlocks every manifest's stack (or the one `--stack NAME` names). */
export function unlockStacks(options: StacksOptions & UnlockStackOptions, ctx: StackContext): Promise<StacksRun<StackUnlockDetail>> {
  return runStacks({ command: "unlock", verb: "unlock", judgesPolicy: false, fromState: true }, options, ctx, (session) => unlockStack(session, options));
}
