import { guardBroadening } from "../../src/plan/guard-broadening";
import { diffPolicies } from "../../src/plan/policy-diff";
import type { Plan } from "../../src/plan/plan";
import { policyUpdatePlan } from "../render/plan-markdown-fixtures";

describe("guardBroadening", () => {
  const plan = policyUpdatePlan();

  it("refuses a broadening policy change off a terminal, saying what it grants", () => {
    expect(guardBroadening(plan, { allowBroadening: false, interactive: false })).toEqual([
      {
        path: "spec.policy",
        severity: "error",
        file: "keys/rds.yaml",
        message:
          "the key policy of key broadens access: statement KeyUsage adds principal arn:aws:iam::123456789012:role/Analytics, adds action kms:ReEncrypt*, drops condition StringEquals kms:EncryptionContext:App=CustomerDatabase; pass --allow-broadening if that is intended",
      },
    ]);
  });

  it("lets it through with --allow-broadening, or at a terminal where the confirmation decides", () => {
    expect(guardBroadening(plan, { allowBroadening: true, interactive: false })).toEqual([]);
    expect(guardBroadening(plan, { allowBroadening: false, interactive: true })).toEqual([]);
  });

  it("does not refuse a policy change that narrows access", () => {
    const key = plan.changes[0]!;
    const narrowing: Plan = { ...plan, changes: [{ ...key, policy: diffPolicies(key.properties[1]!.after as string, key.properties[1]!.before as string) }] };
    expect(narrowing.changes[0]?.policy?.statements.length).toBeGreaterThan(0);
    expect(guardBroadening(narrowing, { allowBroadening: false, interactive: false })).toEqual([]);
  });

  it("describes new Allow statements and removed Deny statements", () => {
    const before = JSON.stringify({ Statement: [{ Sid: "NoDelete", Effect: "Deny", Principal: { AWS: "arn:aws:iam::123456789012:role/Ops" }, Action: "kms:ScheduleKeyDeletion", Resource: "*" }] });
    const after = JSON.stringify({ Statement: [{ Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/App" }, Action: "kms:Decrypt", Resource: "*" }] });
    const key = plan.changes[0]!;
    const messages = guardBroadening({ ...plan, changes: [{ ...key, policy: diffPolicies(before, after) }] }, { allowBroadening: false, interactive: false }).map((p) => p.message);
    expect(messages).toEqual([
      "the key policy of key broadens access: statement Use is new and allows kms:Decrypt to arn:aws:iam::123456789012:role/App; pass --allow-broadening if that is intended",
      "the key policy of key broadens access: statement NoDelete no longer denies kms:ScheduleKeyDeletion to arn:aws:iam::123456789012:role/Ops; pass --allow-broadening if that is intended",
    ]);
  });
});

describe("guardBroadening with negated items", () => {
  const plan = policyUpdatePlan();
  const key = plan.changes[0]!;
  const refusals = (before: object, after: object) =>
    guardBroadening(
      { ...plan, changes: [{ ...key, policy: diffPolicies(JSON.stringify({ Statement: [before] }), JSON.stringify({ Statement: [after] })) }] },
      { allowBroadening: false, interactive: false },
    ).map((p) => p.message);
  const app = "arn:aws:iam::123456789012:role/App";

  it("refuses an Allow that drops a NotAction exception, naming the action it now allows", () => {
    const statement = (notActions: string[]) => ({ Sid: "AllBut", Effect: "Allow", Principal: { AWS: app }, NotAction: notActions, Resource: "*" });
    expect(refusals(statement(["kms:Decrypt", "kms:PutKeyPolicy"]), statement(["kms:PutKeyPolicy"]))).toEqual([
      "the key policy of key broadens access: statement AllBut adds action kms:Decrypt; pass --allow-broadening if that is intended",
    ]);
    expect(refusals(statement(["kms:PutKeyPolicy"]), statement(["kms:Decrypt", "kms:PutKeyPolicy"]))).toEqual([]);
  });

  it("refuses a Deny that adds a NotAction exception, naming the action it no longer denies", () => {
    const statement = (notActions: string[]) => ({ Sid: "DenyAllBut", Effect: "Deny", Principal: { AWS: app }, NotAction: notActions, Resource: "*" });
    expect(refusals(statement(["kms:Encrypt"]), statement(["kms:Decrypt", "kms:Encrypt"]))).toEqual([
      "the key policy of key broadens access: statement DenyAllBut no longer denies action kms:Decrypt; pass --allow-broadening if that is intended",
    ]);
    expect(refusals(statement(["kms:Decrypt", "kms:Encrypt"]), statement(["kms:Encrypt"]))).toEqual([]);
  });
});
