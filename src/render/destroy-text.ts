import type { Plan, ResourceChange } from "../plan/plan";
import { palette } from "./palette";

/** AWS's default and planton's default deletion window. */
const DEFAULT_WINDOW_DAYS = 30;

/** How to render what a destroy will do. */
export interface DestroyTextOptions {
  readonly colour: boolean;
  /** The moment the deletion would be scheduled; the unrecoverable date is counted from it. */
  readonly now: Date;
}

/**
 * What `destroy` will do to a stack: each key and replica key is scheduled for deletion, with
 * the date it becomes unrecoverable (now + its deletion window); aliases are removed at once.
 */
export function renderDestroyText(plan: Plan, options: DestroyTextOptions): string {
  const p = palette(options.colour);
  const deleted = plan.changes.filter((c) => c.op === "delete");
  const lines = [p.strong(`Stack ${plan.stack}`) + p.faint(` (${plan.name}, ${plan.file})`), ""];
  if (deleted.length === 0) return `${[...lines, "Nothing to destroy."].join("\n")}\n`;
  for (const change of deleted) lines.push(`  ${p.delete("-")} ${destroyLine(change, options.now)}`);
  const keys = deleted.filter(isKey).length;
  lines.push("", `Destroy: ${keys} KMS key${keys === 1 ? "" : "s"} scheduled for deletion, ${deleted.length - keys} other resource${deleted.length - keys === 1 ? "" : "s"} removed.`);
  return `${lines.join("\n")}\n`;
}

function isKey(change: ResourceChange): boolean {
  return change.kind === "key" || change.kind === "replica-key";
}

function destroyLine(change: ResourceChange, now: Date): string {
  if (!isKey(change)) return `${change.name} (${change.type}): removed`;
  const days = windowDays(change);
  const when = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  return `${change.name} (${change.type}): scheduled for deletion in ${days} days; unrecoverable after ${when.toISOString().slice(0, 16).replace("T", " ")} UTC (cancel before then with aws kms cancel-key-deletion)`;
}

function windowDays(change: ResourceChange): number {
  const window = change.properties.find((p) => p.path === "deletionWindowInDays")?.before;
  return typeof window === "number" && window > 0 ? window : DEFAULT_WINDOW_DAYS;
}
