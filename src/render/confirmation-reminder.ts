import { broadenings } from "../plan/guard-broadening";
import { replacements } from "../plan/guard-plan";
import type { Plan } from "../plan/plan";
import { costLine } from "./plan-text";

/**
 * What the person at the confirmation prompt approves beyond ordinary changes, said again right
 * above the question (the plan above it may be long): each replacement or deletion of a key, each
 * alias pointed at another key, with what that costs, and each broadening of a key policy, with
 * what it grants; then the monthly cost after apply. Empty when the plan has none of these.
 */
export function confirmationReminder(plan: Plan): string {
  const risks = [...replacements(plan), ...broadenings(plan)];
  if (risks.length === 0) return "";
  const lines = risks.map((risk) => `  - ${risk.path}: ${risk.message}`);
  return `Approving this plan also approves:\n${lines.join("\n")}\n${costLine(plan)}\n\n`;
}
