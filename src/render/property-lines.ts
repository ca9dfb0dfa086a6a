import type { PropertyChange, ResourceChange } from "../plan/plan";
import { formatValue } from "./format-value";
import type { Palette } from "./palette";
import { renderPolicyDiffText } from "./policy-diff-text";

/**
 * The lines under a resource's header: its properties, and a diffed key policy statement by
 * statement instead of as two JSON documents.
 */
export function changeDetailLines(change: ResourceChange, p: Palette): string[] {
  const properties = change.policy === undefined ? change.properties : change.properties.filter((prop) => prop.path !== "policy");
  const policy = change.policy === undefined ? [] : renderPolicyDiffText(change.policy, p, "      ");
  return [...propertyLines(properties, p), ...policy];
}

/**
 * One line per changed property, names padded to one width: `+ name = value` added,
 * `- name = value` removed, `~ name = old → new` changed, marking a property that forces a
 * replacement. Shared by the plan's changes and its "changed outside planton" section.
 */
export function propertyLines(properties: readonly PropertyChange[], p: Palette): string[] {
  const width = Math.max(0, ...properties.map((prop) => prop.path.length));
  return properties.map((prop) => propertyLine(prop, width, p));
}

function propertyLine(prop: PropertyChange, width: number, p: Palette): string {
  const indent = " ".repeat(8 + width + 3);
  const name = prop.path.padEnd(width);
  const forces = prop.forcesReplacement ? ` ${p.delete("(forces replacement)")}` : "";
  switch (prop.kind) {
    case "add": {
      // A key planton did not create (one adopted by `planton import`) gets its identity tags on the first apply.
      const identity = /^tags\["planton:/.test(prop.path) ? ` ${p.faint("(planton identity tag)")}` : "";
      return `      ${p.create("+")} ${name} = ${formatValue(prop.after, indent)}${forces}${identity}`;
    }
    case "delete":
      return `      ${p.delete("-")} ${name} = ${formatValue(prop.before, indent)}${forces}`;
    case "update":
      return `      ${p.update("~")} ${name} = ${formatValue(prop.before, indent)} → ${formatValue(prop.after, indent)}${forces}`;
  }
}
