import { error, type Problem } from "../core/problem";
import type { ListDiff, Plan, StatementDiff } from "./plan";

/** When a broadening key policy change may be applied. */
export interface BroadeningGuardOptions {
  /** `--allow-broadening`. */
  readonly allowBroadening: boolean;
  /** True when a person answers the confirmation at a terminal: they see the diff and decide. */
  readonly interactive: boolean;
}

/**
 * The key-policy safety rail: off a terminal, every policy statement change that broadens access
 * becomes an error Problem saying what it grants — unless `allowBroadening`. At a terminal the
 * confirmation, after the plan that calls the broadening out, is the check.
 */
export function guardBroadening(plan: Plan, options: BroadeningGuardOptions): Problem[] {
  if (options.allowBroadening || options.interactive) return [];
  return plan.changes.flatMap((change) =>
    (change.policy?.statements ?? [])
      .filter((s) => s.broadens)
      .map((s) =>
        error("spec.policy", `the key policy of ${change.name} broadens access: statement ${s.sid} ${grants(s)}; pass --allow-broadening if that is intended`, {
          file: plan.file,
        }),
      ),
  );
}

/** What a broadening statement change grants, in a few words. */
function grants(s: StatementDiff): string {
  if (s.status === "added") return `is new and allows ${list(s.actions.added)} to ${list(s.principals.added)}`;
  if (s.status === "removed") return `no longer denies ${list(s.actions.removed)} to ${list(s.principals.removed)}`;
  const parts =
    s.effect === "Allow"
      ? [added("adds principal", s.principals), added("adds action", s.actions), removed("drops condition", s.conditions)]
      : [removed("no longer denies principal", s.principals), removed("no longer denies action", s.actions), added("adds condition", s.conditions)];
  const said = parts.filter((p) => p !== "");
  return said.length > 0 ? said.join(", ") : "grants more (resources)";
}

function added(verb: string, diff: ListDiff): string {
  return diff.added.length > 0 ? `${verb} ${list(diff.added)}` : "";
}

function removed(verb: string, diff: ListDiff): string {
  return diff.removed.length > 0 ? `${verb} ${list(diff.removed)}` : "";
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "(none)" : items.join(", ");
}
