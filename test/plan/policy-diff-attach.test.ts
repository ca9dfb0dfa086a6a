import { attachPolicyDiff } from "../../src/plan/attach-policy-diff";
import { buildPlan, hasChanges } from "../../src/plan/build-plan";
import type { ResourceChange } from "../../src/plan/plan";
import { UNKNOWN_VALUE } from "../../src/plan/unknown-value";
import { KEY_INPUTS, KEY_URN, POLICY, planned, state, step } from "./fixtures";

const ADMIN = "arn:aws:iam::123456789012:role/Admin";
const before = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, Action: ["kms:PutKeyPolicy", "kms:DescribeKey"], Resource: "*" }] });
const reformatted = JSON.stringify(
  { Statement: [{ Resource: ["*"], Action: ["kms:describekey", "kms:PutKeyPolicy"], Principal: { AWS: [ADMIN] }, Effect: "Allow", Sid: "Admin" }], Version: "2012-10-17" },
  null,
  2,
);
const broadened = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Admin", Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:PutKeyPolicy", "kms:DescribeKey"], Resource: "*" }] });

function keyUpdate(after: unknown, extra: ResourceChange["properties"] = []): ResourceChange {
  return {
    urn: "urn:pulumi:s::planton::aws:kms/key:Key::key",
    type: "aws:kms/key:Key",
    name: "key",
    kind: "key",
    op: "update",
    properties: [...extra, { path: "policy", kind: "update", before, after, forcesReplacement: false }],
  };
}

describe("attachPolicyDiff", () => {
  it("turns an update that only reformats the policy into no change", () => {
    const change = attachPolicyDiff(keyUpdate(reformatted));
    expect(change.op).toBe("same");
    expect(change.properties).toEqual([]);
    expect(change.policy).toBeUndefined();
  });

  it("keeps the other changed properties when the policy is only reformatted", () => {
    const description = { path: "description", kind: "update" as const, before: "a", after: "b", forcesReplacement: false };
    const change = attachPolicyDiff(keyUpdate(reformatted, [description]));
    expect(change.op).toBe("update");
    expect(change.properties).toEqual([description]);
  });

  it("attaches the statement diff when the policy really changes", () => {
    const change = attachPolicyDiff(keyUpdate(broadened));
    expect(change.op).toBe("update");
    expect(change.policy?.broadens).toBe(true);
    expect(change.policy?.statements[0]?.principals).toEqual({ added: ["*"], removed: [ADMIN], unchanged: [] });
  });

  it("leaves a policy that is known only after apply, and other changes, alone", () => {
    const unknown = keyUpdate(UNKNOWN_VALUE);
    expect(attachPolicyDiff(unknown)).toBe(unknown);
    const alias: ResourceChange = { ...unknown, kind: "alias", properties: [] };
    expect(attachPolicyDiff(alias)).toBe(alias);
  });
});

describe("buildPlan with key policy changes", () => {
  const target = { stack: "acme-prod-rds-primary", file: "keys/rds.yaml", name: "rds-primary" };

  it("previews a reformatted but equal policy as no change", () => {
    const respelled = JSON.stringify(JSON.parse(POLICY), null, 4);
    const events = [planned(step("update", KEY_URN, { old: state(KEY_INPUTS), new: state({ ...KEY_INPUTS, policy: respelled }), diffs: ["policy"] }))];
    const plan = buildPlan(target, events);
    expect(hasChanges(plan)).toBe(false);
    expect(plan.changes.map((c) => [c.op, c.properties])).toEqual([["same", []]]);
  });

  it("previews a broadened policy statement by statement", () => {
    const wider = JSON.parse(POLICY);
    wider.Statement[0].Principal.AWS = [wider.Statement[0].Principal.AWS, "arn:aws:iam::123456789012:role/Other"];
    const events = [planned(step("update", KEY_URN, { old: state(KEY_INPUTS), new: state({ ...KEY_INPUTS, policy: JSON.stringify(wider) }), diffs: ["policy"] }))];
    const plan = buildPlan(target, events);
    expect(plan.summary.update).toBe(1);
    expect(plan.changes[0]?.policy?.broadens).toBe(true);
    expect(plan.changes[0]?.policy?.statements[0]?.principals.added).toEqual(["arn:aws:iam::123456789012:role/Other"]);
  });
});
