import { planJson } from "../../src/render/plan-json";
import { golden, mixedPreviews, policyUpdatePlan } from "./plan-markdown-fixtures";

describe("planJson with key policy diffs", () => {
  it("puts the policy change as structured statements on the key's step (golden)", () => {
    const json = `${JSON.stringify(planJson(mixedPreviews(), { ok: false, problems: [] }), null, 2)}\n`;
    expect(json).toBe(golden("json-mixed/preview.json", json));
  });

  it("carries the statements and the broadening flag, and no policy on steps without one", () => {
    const plan = policyUpdatePlan();
    const document = planJson([{ stack: plan.stack, file: plan.file, name: plan.name, plan, refusals: [] }], { ok: true, problems: [] });
    const [key, alias] = document.stacks[0]!.steps;
    expect(document.formatVersion).toBe("2.1");
    expect(key?.policy?.broadens).toBe(true);
    expect(key?.policy?.statements.map((s) => [s.sid, s.status, s.principals.added, s.actions.added, s.conditions.removed])).toEqual([
      ["KeyUsage", "changed", ["arn:aws:iam::123456789012:role/Analytics"], ["kms:ReEncrypt*"], ["StringEquals kms:EncryptionContext:App=CustomerDatabase"]],
    ]);
    expect(alias).not.toHaveProperty("policy");
  });
});
