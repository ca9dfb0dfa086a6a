import { palette } from "../../src/render/palette";
import { renderPlanText } from "../../src/render/plan-text";
import { renderPolicyDiffText } from "../../src/render/policy-diff-text";
import { policyUpdatePlan } from "./plan-markdown-fixtures";

describe("key policy diffs in the plan text", () => {
  it("lists each changed statement with what it gains and loses, broadening called out", () => {
    const diff = policyUpdatePlan().changes[0]!.policy!;
    expect(renderPolicyDiffText(diff, palette(false), "  ").join("\n")).toBe(
      [
        "  key policy: broadens access",
        "    ~ statement KeyUsage (Allow, changed) (broadens access)",
        "        + principal arn:aws:iam::123456789012:role/Analytics",
        "        + action kms:ReEncrypt*",
        "        - condition StringEquals kms:EncryptionContext:App=CustomerDatabase",
      ].join("\n"),
    );
  });

  it("replaces the two policy documents in the plan with the statement diff", () => {
    const text = renderPlanText(policyUpdatePlan(), { colour: false });
    expect(text).toContain(
      [
        "  ~ update in place key (aws:kms/key:Key)",
        '      ~ description = "Production RDS cluster encryption key" → "Primary RDS | Aurora key"',
        "      key policy: broadens access",
        "        ~ statement KeyUsage (Allow, changed) (broadens access)",
      ].join("\n"),
    );
    expect(text).not.toContain('"Statement"');
  });
});
