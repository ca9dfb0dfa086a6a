import type { PlanSummary } from "../plan/plan";

const WORDS = {
  planned: { create: "to create", update: "to update", replace: "to replace", delete: "to delete" },
  done: { create: "created", update: "updated", replace: "replaced", delete: "deleted" },
} as const;

/** A plan summary in a few words for the per-stack summary line: `1 to create, 1 to update` or `2 created`; `no changes` when empty. */
export function changeCountWords(summary: PlanSummary, tense: "planned" | "done"): string {
  const parts = (["create", "update", "replace", "delete"] as const)
    .filter((op) => summary[op] > 0)
    .map((op) => `${summary[op]} ${WORDS[tense][op]}`);
  return parts.length === 0 ? "no changes" : parts.join(", ");
}
