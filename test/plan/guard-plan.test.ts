import { buildPlan } from "../../src/plan/build-plan";
import { guardPlan } from "../../src/plan/guard-plan";
import { createEvents, deleteEvents, replaceEvents, updateEvents } from "./fixtures";

const target = { stack: "acme-prod-rds", file: "key.yaml", name: "rds" };

describe("guardPlan", () => {
  it("lets creates and in-place updates through", () => {
    expect(guardPlan(buildPlan(target, createEvents()), { allowReplace: false })).toEqual([]);
    expect(guardPlan(buildPlan(target, updateEvents()), { allowReplace: false })).toEqual([]);
  });

  it("refuses a key replacement naming the manifest field, the property and the consequence", () => {
    const problems = guardPlan(buildPlan(target, replaceEvents()), { allowReplace: false });
    expect(problems.map((p) => p.path)).toEqual(["spec.keySpec", "spec.keyUsage", "spec.alias"]);
    expect(problems[0]).toEqual({
      path: "spec.keySpec",
      severity: "error",
      file: "key.yaml",
      message:
        'changing customerMasterKeySpec (SYMMETRIC_DEFAULT → RSA_2048) replaces KMS key "key": the old key is scheduled for deletion, and data encrypted under it becomes undecryptable once it is deleted; pass --allow-replace if that is intended',
    });
    expect(problems[2]!.message).toBe(
      'alias "alias" would point at a different key (1234abcd-12ab-34cd-56ef-1234567890ab → (known after apply)): callers using the alias would switch keys; pass --allow-replace if that is intended',
    );
  });

  it("refuses deleting a replica key whose region left replicaRegions", () => {
    const problems = guardPlan(buildPlan(target, deleteEvents()), { allowReplace: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("spec.replicaRegions");
    expect(problems[0]!.message).toContain('the plan deletes replica key "replica-eu-west-1"');
  });

  it("lets everything through with allowReplace", () => {
    expect(guardPlan(buildPlan(target, replaceEvents()), { allowReplace: true })).toEqual([]);
    expect(guardPlan(buildPlan(target, deleteEvents()), { allowReplace: true })).toEqual([]);
  });
});
