import type { StackDestroyDetail } from "../stack/destroy-stack";
import { failureText, type StacksRun } from "../stack/run-stacks";
import { destroySchedule, type Removal, type ScheduledDeletion } from "./destroy-text";
import { resultLocksJson, type LockJson } from "./lock-json";
import { runJson, type RunJson } from "./run-json";

/** One stack in the `destroy --output json|yaml` document. */
export interface StackDestroyJson {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  /** What was (or, when it failed or was refused, would have been) scheduled for deletion and removed. */
  readonly scheduled: readonly ScheduledDeletion[];
  readonly removed: readonly Removal[];
  /** True once the engine ran the destroy. */
  readonly destroyed: boolean;
  /** Who holds the stack's lock, when anyone does (since 2.1). */
  readonly locks: readonly LockJson[];
  /** Why the destroy failed or was refused; null when it did not. */
  readonly error: string | null;
}

/** The `destroy --output json|yaml` document. */
export interface DestroyJson extends RunJson {
  readonly stacks: readonly StackDestroyJson[];
}

/** The destroy of several stacks as one document, from the same schedule as the text. */
export function destroyJson(run: StacksRun<StackDestroyDetail>): DestroyJson {
  const stacks = run.results.map((result): StackDestroyJson => {
    const planned = result.detail?.planned;
    const schedule = planned !== undefined ? destroySchedule(planned.plan, planned.at) : { scheduled: [], removed: [] };
    return {
      ...result.target.label,
      scheduled: schedule.scheduled,
      removed: schedule.removed,
      destroyed: result.detail?.destroyed ?? false,
      locks: resultLocksJson(result),
      error: failureText(result) ?? null,
    };
  });
  const { formatVersion, ...rest } = runJson(run);
  return { formatVersion, stacks, ...rest };
}
