import type { ResourceChange } from "../plan/plan";
import { formatValue } from "./format-value";
import { palette } from "./palette";

/**
 * What a refresh changed in the state, per resource and property (`~ isEnabled = true → false`),
 * or a line saying the state already matched the cloud.
 */
export function renderDriftText(stack: string, drift: readonly ResourceChange[], options: { colour: boolean }): string {
  const p = palette(options.colour);
  if (drift.length === 0) return `Stack ${stack}: no drift; the state matches the cloud.\n`;
  const lines = [`Stack ${stack}: the refresh recorded changes made outside planton:`];
  for (const change of drift) {
    if (change.op === "delete") {
      lines.push(`  ${p.delete("-")} ${change.name} (${change.type}): gone from the cloud`);
      continue;
    }
    lines.push(`  ${p.update("~")} ${change.name} (${change.type})`);
    for (const prop of change.properties) {
      lines.push(`      ~ ${prop.path} = ${formatValue(prop.before, "        ")} → ${formatValue(prop.after, "        ")}`);
    }
  }
  lines.push("Run `planton preview` to see what apply would change back.");
  return `${lines.join("\n")}\n`;
}
