import { buildPlan } from "../../src/plan/build-plan";
import { guardPlan, safetyRefusals, summarizeRefusals } from "../../src/plan/guard-plan";
import { policyUpdatePlan } from "../render/plan-markdown-fixtures";
import { ALIAS_INPUTS, ALIAS_URN, createEvents, deleteEvents, diff, planned, replaceEvents, STACK_URN, state, step, updateEvents } from "./fixtures";

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

/** Preview after the alias was pointed at another key (the key itself unchanged). */
function retargetEvents() {
  return [
    planned(step("same", STACK_URN)),
    planned(step("update", ALIAS_URN, {
      old: state(ALIAS_INPUTS),
      new: state({ ...ALIAS_INPUTS, targetKeyId: "arn:aws:kms:us-east-1:123456789012:key/other" }),
      diffs: ["targetKeyId"],
      detailedDiff: { targetKeyId: diff("update") },
    })),
  ];
}

describe("safetyRefusals", () => {
  const off = { allowReplace: false, allowBroadening: false, interactive: false };

  it("refuses what either rail refuses, and each override lets only its own rail through", () => {
    const broadening = policyUpdatePlan();
    expect(safetyRefusals(broadening, off).map((p) => p.path)).toEqual(["spec.policy"]);
    expect(safetyRefusals(broadening, { ...off, allowReplace: true }).map((p) => p.path)).toEqual(["spec.policy"]);
    expect(safetyRefusals(broadening, { ...off, allowBroadening: true })).toEqual([]);
    expect(safetyRefusals(broadening, { ...off, interactive: true })).toEqual([]);
    const replace = buildPlan(target, replaceEvents());
    expect(safetyRefusals(replace, { ...off, allowBroadening: true }).map((p) => p.path)).toEqual(["spec.keySpec", "spec.keyUsage", "spec.alias"]);
  });
});

describe("summarizeRefusals", () => {
  const off = { allowReplace: false, allowBroadening: false, interactive: false };

  it("says an alias is retargeted when only an alias is refused, not that a key is replaced", () => {
    expect(summarizeRefusals(guardPlan(buildPlan(target, retargetEvents()), off))).toEqual({
      headline: "the plan points an alias at a different key",
      overrides: ["--allow-replace"],
    });
  });

  it("says a key is replaced or deleted for a replacement (with its alias) and a replica deletion", () => {
    expect(summarizeRefusals(guardPlan(buildPlan(target, replaceEvents()), off))).toEqual({
      headline: "the plan replaces or deletes a KMS key and points an alias at a different key",
      overrides: ["--allow-replace"],
    });
    expect(summarizeRefusals(guardPlan(buildPlan(target, deleteEvents()), off)).headline).toBe("the plan replaces or deletes a KMS key");
  });

  it("names every rail that refused, and every override needed", () => {
    const both = [...guardPlan(buildPlan(target, retargetEvents()), off), ...safetyRefusals(policyUpdatePlan(), off)];
    expect(summarizeRefusals(both)).toEqual({
      headline: "the plan points an alias at a different key and the key policy change broadens access",
      overrides: ["--allow-replace", "--allow-broadening"],
    });
  });

  it("says the key policy broadens access for a broadening, with its own override", () => {
    expect(summarizeRefusals(safetyRefusals(policyUpdatePlan(), off))).toEqual({
      headline: "the key policy change broadens access",
      overrides: ["--allow-broadening"],
    });
  });
});

describe("guardPlan and an alias moved by hand", () => {
  const own = ALIAS_INPUTS.targetKeyId;
  const other = "ffffffff-0000-0000-0000-000000000000";
  const moved = { ...ALIAS_INPUTS, targetKeyId: other };
  /** A refreshing preview: the refresh finds the alias on another key; the plan points it back. */
  const events = (back: string) => [
    planned(step("refresh", ALIAS_URN, { old: state(ALIAS_INPUTS) })),
    { kind: "resource-done" as const, step: step("refresh", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS, moved), diffs: ["targetKeyId"] }), planning: true },
    planned(step("update", ALIAS_URN, { old: state(ALIAS_INPUTS, moved), new: state({ ...ALIAS_INPUTS, targetKeyId: back }), diffs: ["targetKeyId"], detailedDiff: { targetKeyId: diff("update", false) } })),
  ];

  it("lets the plan point it back at the key planton gave it", () => {
    expect(guardPlan(buildPlan(target, events(own)), { allowReplace: false })).toEqual([]);
  });

  it("still refuses pointing it at yet another key", () => {
    expect(guardPlan(buildPlan(target, events("aaaaaaaa-0000-0000-0000-000000000000")), { allowReplace: false }).map((p) => p.path)).toEqual(["spec.alias"]);
  });
});
