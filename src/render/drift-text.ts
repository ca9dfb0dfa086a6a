import type { ResourceChange } from "../plan/plan";
import { palette, type Palette } from "./palette";
import { changeDetailLines } from "./property-lines";

/**
 * What changed outside planton, one block per resource: `~ name (type)` with each property as
 * `last applied → live`, or `- name (type): gone from the cloud`. The plan's drift section and
 * `refresh` both show drift this way.
 */
export function driftLines(drift: readonly ResourceChange[], p: Palette): string[] {
  return drift.flatMap((change) => {
    if (change.op === "delete") return [`  ${p.delete("-")} ${p.strong(change.name)} ${p.faint(`(${change.type})`)}: gone from the cloud (deleted, or scheduled for deletion)`];
    return [`  ${p.update("~")} ${p.strong(change.name)} ${p.faint(`(${change.type})`)}`, ...changeDetailLines(change, p)];
  });
}

/** What became of the drift a refresh found: written into the state, or only reported. */
export type DriftRecord = "recorded" | "reported";

/**
 * What a refresh found changed outside planton, per resource and property; or a line saying the
 * live resources match the state. driftRecordLine follows once it is known what became of it.
 */
export function renderDriftText(stack: string, drift: readonly ResourceChange[], options: { colour: boolean }): string {
  const p = palette(options.colour);
  if (drift.length === 0) return `Stack ${stack}: no drift; the live resources match the state.\n`;
  return `${[`Stack ${stack}: changed outside planton since the last apply:`, ...driftLines(drift, p)].join("\n")}\n`;
}

/** The line under a refresh's drift: whether it was written into the state, and what next. */
export function driftRecordLine(record: DriftRecord): string {
  switch (record) {
    case "recorded":
      return "Recorded in the stack's state. Run `planton preview` to see what apply would change back.\n";
    case "reported":
      return "Not recorded in the state (pass --yes to record it); `planton apply` puts the manifest back.\n";
  }
}
