import { KEY_MONTHLY_USD } from "../plan/build-plan";
import { hasChanges } from "../plan/build-plan";
import type { ChangeOp, Plan, ResourceChange } from "../plan/plan";
import { plannedCountWords } from "./change-count-words";
import { driftLines } from "./drift-text";
import { palette, type Palette } from "./palette";
import { changeDetailLines } from "./property-lines";

/** How to render a plan as text. */
export interface PlanTextOptions {
  /** ANSI colour; off in tests and when stdout is not a terminal. */
  readonly colour: boolean;
}

/**
 * A plan as `terraform plan`-like text: first what changed outside planton since the last apply
 * (per resource and property, last applied → live), then one block per changed resource
 * (`+ create`, `~ update in place` with `old → new` per property, `-/+ replace` marking the
 * property that forces it, `- delete`), then the summary line and the monthly cost.
 */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const p = palette(options.colour);
  const lines = [p.strong(`Stack ${plan.stack}`) + p.faint(` (${plan.name}, ${plan.file})`), ""];
  if (plan.drift.length > 0) {
    lines.push(p.strong("Changed outside planton since the last apply:"), ...driftLines(plan.drift, p), "");
  }
  const changed = plan.changes.filter((c) => c.op !== "same");
  if (changed.length === 0) {
    lines.push(hasChanges(plan) && plan.drift.length > 0
      ? "No changes to the resources: the live values match the manifest. Apply records them in the stack's state."
      : "No changes. The stack matches the manifest.");
  } else {
    if (plan.drift.length > 0) lines.push("Apply puts the manifest back where the live values differ from it:", "");
    for (const change of changed) lines.push(...resourceBlock(change, p), "");
    lines.push(summaryLine(plan));
  }
  lines.push(costLine(plan));
  return `${lines.join("\n")}\n`;
}

/** `Plan: 1 to create, 0 to update, 0 to replace, 0 to delete.` */
export function summaryLine(plan: Plan): string {
  return `Plan: ${plannedCountWords(plan.summary)}.`;
}

/**
 * The monthly cost of the keys the stack holds once the plan is applied. The key count is read
 * off the changes (keys and replica keys the plan does not delete), not off the dollar amount,
 * so a price other than $1 cannot turn into a wrong count.
 */
export function costLine(plan: Plan): string {
  const keys = plan.changes.filter((c) => (c.kind === "key" || c.kind === "replica-key") && c.op !== "delete").length;
  return `Monthly cost after apply: $${plan.monthlyCostUsd.toFixed(2)} (${keys} KMS key${keys === 1 ? "" : "s"} at $${KEY_MONTHLY_USD.toFixed(2)} each; API requests extra).`;
}

const HEADER: Readonly<Record<Exclude<ChangeOp, "same">, { symbol: string; verb: string }>> = {
  create: { symbol: "+", verb: "create" },
  update: { symbol: "~", verb: "update in place" },
  replace: { symbol: "-/+", verb: "replace" },
  delete: { symbol: "-", verb: "delete" },
};

function opColour(op: ChangeOp, p: Palette): (text: string) => string {
  switch (op) {
    case "create":
      return p.create;
    case "update":
      return p.update;
    case "replace":
      return p.replace;
    case "delete":
      return p.delete;
    case "same":
      return p.faint;
  }
}

function resourceBlock(change: ResourceChange, p: Palette): string[] {
  if (change.op === "same") return [];
  const { symbol, verb } = HEADER[change.op];
  const colour = opColour(change.op, p);
  const header = `  ${colour(`${symbol} ${verb}`)} ${p.strong(change.name)} ${p.faint(`(${change.type})`)}`;
  return [header, ...changeDetailLines(change, p)];
}
