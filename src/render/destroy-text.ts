import { defaultDeletionWindowDays } from "../defaults/apply-defaults";
import type { Plan, ResourceChange } from "../plan/plan";
import { palette } from "./palette";

/** How to render what a destroy will do. */
export interface DestroyTextOptions {
  readonly colour: boolean;
  /** The moment the deletion would be scheduled; the unrecoverable date is counted from it. */
  readonly now: Date;
}

/** A key or replica key a destroy schedules for deletion. */
export interface ScheduledDeletion {
  readonly name: string;
  readonly type: string;
  readonly deletionWindowDays: number;
  /** ISO 8601 (UTC): the moment the key can no longer be recovered (now + its window). */
  readonly unrecoverableAfter: string;
}

/** A resource a destroy removes at once (an alias). */
export interface Removal {
  readonly name: string;
  readonly type: string;
}

/** What a destroy does to one stack, computed once for the text and the JSON. */
export interface DestroySchedule {
  readonly scheduled: readonly ScheduledDeletion[];
  readonly removed: readonly Removal[];
}

/**
 * What destroying the plan's resources does: keys and replica keys are scheduled for deletion
 * after their window (the window in their state, else the default), everything else is removed.
 */
export function destroySchedule(plan: Plan, now: Date): DestroySchedule {
  const deleted = plan.changes.filter((c) => c.op === "delete");
  return {
    scheduled: deleted.filter(isKey).map((change) => {
      const days = windowDays(change);
      const when = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
      return { name: change.name, type: change.type, deletionWindowDays: days, unrecoverableAfter: when.toISOString() };
    }),
    removed: deleted.filter((c) => !isKey(c)).map((c) => ({ name: c.name, type: c.type })),
  };
}

/**
 * What `destroy` will do to a stack: each key and replica key is scheduled for deletion, with
 * the date it becomes unrecoverable (now + its deletion window); aliases are removed at once.
 */
export function renderDestroyText(plan: Plan, options: DestroyTextOptions): string {
  const p = palette(options.colour);
  const { scheduled, removed } = destroySchedule(plan, options.now);
  const lines = [p.strong(`Stack ${plan.stack}`) + p.faint(plan.file === "" ? " (state only)" : ` (${plan.name}, ${plan.file})`), ""];
  if (scheduled.length + removed.length === 0) return `${[...lines, "Nothing to destroy."].join("\n")}\n`;
  for (const key of scheduled) {
    const when = `${key.unrecoverableAfter.slice(0, 16).replace("T", " ")} UTC`;
    lines.push(`  ${p.delete("-")} ${key.name} (${key.type}): scheduled for deletion in ${key.deletionWindowDays} days; unrecoverable after ${when} (cancel before then with aws kms cancel-key-deletion)`);
  }
  for (const other of removed) lines.push(`  ${p.delete("-")} ${other.name} (${other.type}): removed`);
  lines.push("", `Destroy: ${scheduledWords(scheduled.length)}, ${removed.length} other resource${removed.length === 1 ? "" : "s"} removed.`);
  return `${lines.join("\n")}\n`;
}

/** `1 KMS key scheduled for deletion`: the text's total and the per-stack summary line. */
export function scheduledWords(keys: number): string {
  return `${keys} KMS key${keys === 1 ? "" : "s"} scheduled for deletion`;
}

function isKey(change: ResourceChange): boolean {
  return change.kind === "key" || change.kind === "replica-key";
}

function windowDays(change: ResourceChange): number {
  const window = change.properties.find((p) => p.path === "deletionWindowInDays")?.before;
  return typeof window === "number" && window > 0 ? window : defaultDeletionWindowDays;
}
