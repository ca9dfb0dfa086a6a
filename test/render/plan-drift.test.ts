import { buildPlan, hasChanges } from "../../src/plan/build-plan";
import { planJson } from "../../src/render/plan-json";
import { renderPlanMarkdown } from "../../src/render/plan-markdown";
import { renderPlanText } from "../../src/render/plan-text";
import type { EngineEvent } from "../../src/engine/engine-event";
import { ALIAS_INPUTS, ALIAS_URN, diff, KEY_INPUTS, KEY_URN, planned, state, step } from "../plan/fixtures";

// A refreshing preview after the key's description was changed by hand, as the engine sends it:
// the refresh step (last applied → live, with the provider's diff), then the update that puts the
// manifest back, planned from the live values.

const target = { stack: "acme-prod-rds", file: "key.yaml", name: "rds" };
const live = { ...KEY_INPUTS, description: "changed by hand" };

function refreshingPreview(options: { putBack: boolean }): EngineEvent[] {
  const refreshed = step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, live), diffs: ["description"] });
  const update = step("update", KEY_URN, { old: state(KEY_INPUTS, live), new: state(KEY_INPUTS), diffs: ["description"], detailedDiff: { description: diff("update") } });
  const keySame = step("same", KEY_URN, { old: state(KEY_INPUTS, live), new: state(KEY_INPUTS) });
  return [
    planned(step("refresh", KEY_URN, { old: state(KEY_INPUTS) })),
    planned(step("refresh", ALIAS_URN, { old: state(ALIAS_INPUTS) })),
    { kind: "resource-done", step: refreshed, planning: true },
    { kind: "resource-done", step: step("refresh", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) }), planning: true },
    planned(options.putBack ? update : keySame),
    planned(step("same", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) })),
  ];
}

describe("a plan with drift", () => {
  it("keeps the refresh steps out of the changes and puts them in the drift", () => {
    const plan = buildPlan(target, refreshingPreview({ putBack: true }));
    expect(plan.summary).toEqual({ create: 0, update: 1, replace: 0, delete: 0, same: 1 });
    expect(plan.drift).toEqual([
      expect.objectContaining({ name: "key", op: "update", properties: [{ path: "description", kind: "update", before: "Production RDS cluster encryption key", after: "changed by hand", forcesReplacement: false }] }),
    ]);
  });

  it("counts drift as a change even when the live values already match the manifest", () => {
    const plan = buildPlan(target, refreshingPreview({ putBack: false }));
    expect(plan.summary.update).toBe(0);
    expect(hasChanges(plan)).toBe(true);
    expect(hasChanges(buildPlan(target, [planned(step("same", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) }))]))).toBe(false);
  });

  it("renders as text: its own section first, then what apply changes back", () => {
    expect(renderPlanText(buildPlan(target, refreshingPreview({ putBack: true })), { colour: false })).toBe(
      "Stack acme-prod-rds (rds, key.yaml)\n\n" +
        "Changed outside planton since the last apply:\n" +
        "  ~ key (aws:kms/key:Key)\n" +
        '      ~ description = "Production RDS cluster encryption key" → "changed by hand"\n\n' +
        "Apply puts the manifest back where the live values differ from it:\n\n" +
        "  ~ update in place key (aws:kms/key:Key)\n" +
        '      ~ description = "changed by hand" → "Production RDS cluster encryption key"\n\n' +
        "Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.\n" +
        "Monthly cost after apply: $1.00 (1 KMS key at $1.00 each; API requests extra).\n",
    );
    expect(renderPlanText(buildPlan(target, refreshingPreview({ putBack: false })), { colour: false })).toContain(
      "No changes to the resources: the live values match the manifest. Apply records them in the stack's state.\n",
    );
  });

  it("renders as JSON: a drift list per stack, and hasChanges", () => {
    const plan = buildPlan(target, refreshingPreview({ putBack: false }));
    const document = planJson([{ ...target, plan, refusals: [] }], { ok: true, problems: [] });
    expect(document.formatVersion).toBe("2.1");
    expect(document.hasChanges).toBe(true);
    expect(document.stacks[0]?.drift).toEqual([
      { name: "key", type: "aws:kms/key:Key", op: "update", properties: [{ path: "description", before: "Production RDS cluster encryption key", after: "changed by hand" }] },
    ]);
    expect(planJson([{ ...target, refusals: [], error: "boom" }], { ok: false, problems: [] }).stacks[0]?.drift).toBeNull();
  });

  it("renders as markdown: an alert, the status, and a table of last applied → live", () => {
    const markdown = renderPlanMarkdown([{ ...target, plan: buildPlan(target, refreshingPreview({ putBack: true })), refusals: [] }]);
    expect(markdown).toContain("> 🔀 **Changed outside planton:** 1 resource of `acme-prod-rds` differ from the last apply; apply puts the manifest back.");
    expect(markdown).toContain("| 🔀 changed outside planton |");
    expect(markdown).toContain(
      "**Changed outside planton since the last apply** (before: last applied, after: live):\n\n" +
        "**🔀 changed** `key` (`aws:kms/key:Key`)\n\n" +
        "| property | before | after |\n",
    );
    expect(markdown).toContain('| `description` | `"Production RDS cluster encryption key"` | `"changed by hand"` |');
  });
});
