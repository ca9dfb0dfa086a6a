import type { PlanSummary } from "../plan/plan";

const OPS = ["create", "update", "replace", "delete"] as const;

// The one place the words for change counts live: the plan's summary line, the markdown totals and
// the per-stack summary line all read them from here.
const WORDS = {
  planned: { create: "to create", update: "to update", replace: "to replace", delete: "to delete" },
  done: { create: "created", update: "updated", replace: "replaced", delete: "deleted" },
} as const;

/** A plan summary in a few words for the per-stack summary line: `1 to create, 1 to update` or `2 created`; `no changes` when empty. */
export function changeCountWords(summary: PlanSummary, tense: "planned" | "done"): string {
  const parts = OPS.filter((op) => summary[op] > 0).map((op) => `${summary[op]} ${WORDS[tense][op]}`);
  return parts.length === 0 ? "no changes" : parts.join(", ");
}

/** Every planned count, zeros included, as a plan states them: `1 to create, 0 to update, 0 to replace, 0 to delete`. */
export function plannedCountWords(summary: PlanSummary): string {
  return OPS.map((op) => `${summary[op]} ${WORDS.planned[op]}`).join(", ");
}
