import { error, type Problem } from "../core/problem";
import type { Plan, StatementDiff } from "./plan";
import { narrows, unnegated, widens } from "./policy-diff";

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
  return broadenings(plan).map((p) => ({ ...p, message: `${p.message}; pass --allow-broadening if that is intended` }));
}

/**
 * What the broadening rail is about, whether or not it lets the plan through: each key policy
 * statement change that broadens access and what it grants (what the person confirming at a
 * terminal is reminded of).
 */
export function broadenings(plan: Plan): Problem[] {
  return plan.changes.flatMap((change) =>
    (change.policy?.statements ?? [])
      .filter((s) => s.broadens)
      .map((s) => error("spec.policy", `the key policy of ${change.name} broadens access: statement ${s.sid} ${grants(s)}`, { file: plan.file })),
  );
}

/** What a broadening statement change grants, in a few words. */
function grants(s: StatementDiff): string {
  if (s.status === "added") return `is new and allows ${list(s.actions.added)} to ${list(s.principals.added)}`;
  if (s.status === "removed") return `no longer denies ${list(s.actions.removed)} to ${list(s.principals.removed)}`;
  const parts =
    s.effect === "Allow"
      ? [said("adds principal", widens(s.principals)), said("adds action", widens(s.actions)), said("drops condition", s.conditions.removed)]
      : [said("no longer denies principal", narrows(s.principals)), said("no longer denies action", narrows(s.actions)), said("adds condition", s.conditions.added)];
  const told = parts.filter((p) => p !== "");
  return told.length > 0 ? told.join(", ") : "grants more (resources)";
}

/**
 * `verb items`, or "" for none. A negated item is named without its `NOT `: an Allow's NotAction
 * exception dropped does add that action, a Deny's NotAction exception added no longer denies it.
 */
function said(verb: string, items: readonly string[]): string {
  return items.length > 0 ? `${verb} ${list(items.map(unnegated))}` : "";
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "(none)" : items.join(", ");
}
