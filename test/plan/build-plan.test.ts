import { buildPlan, hasChanges } from "../../src/plan/build-plan";
import { UNKNOWN_VALUE } from "../../src/plan/unknown-value";
import { ALIAS_INPUTS, ALIAS_URN, KEY_INPUTS, KEY_URN, STACK_URN, createEvents, deleteEvents, planned, replaceEvents, state, step, updateEvents } from "./fixtures";

const target = { stack: "acme-prod-rds", file: "key.yaml", name: "rds" };

describe("buildPlan", () => {
  it("lists created resources with every input the user set, hiding the stack and the providers", () => {
    const plan = buildPlan(target, createEvents());
    expect(plan.changes.map((c) => [c.name, c.kind, c.op])).toEqual([
      ["key", "key", "create"],
      ["alias", "alias", "create"],
    ]);
    const key = plan.changes[0]!;
    expect(key.properties.map((p) => p.path)).toEqual([
      "customerMasterKeySpec", "deletionWindowInDays", "description", "enableKeyRotation", "isEnabled",
      "keyUsage", "multiRegion", "policy", "rotationPeriodInDays", "tags",
    ]);
    expect(key.properties.every((p) => p.kind === "add" && !p.forcesReplacement)).toBe(true);
    expect(plan.changes[1]!.properties.find((p) => p.path === "targetKeyId")!.after).toBe(UNKNOWN_VALUE);
    expect(plan.summary).toEqual({ create: 2, update: 0, replace: 0, delete: 0, same: 0 });
    expect(plan.monthlyCostUsd).toBe(1);
    expect(hasChanges(plan)).toBe(true);
  });

  it("gives old and new values of updated properties, one change per changed tag", () => {
    const plan = buildPlan(target, updateEvents());
    const key = plan.changes.find((c) => c.urn === KEY_URN)!;
    expect(key.op).toBe("update");
    expect(key.properties).toEqual([
      { path: "description", kind: "update", before: "Production RDS cluster encryption key", after: "Primary RDS key", forcesReplacement: false },
      { path: "tags.CostCenter", kind: "update", before: "1234", after: "5678", forcesReplacement: false },
    ]);
    expect(plan.summary).toEqual({ create: 0, update: 1, replace: 0, delete: 0, same: 1 });
  });

  it("folds the steps of a replacement into one replace change and marks the forcing properties", () => {
    const plan = buildPlan(target, replaceEvents());
    const keys = plan.changes.filter((c) => c.urn === KEY_URN);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.op).toBe("replace");
    expect(keys[0]!.properties.map((p) => [p.path, p.forcesReplacement])).toEqual([
      ["customerMasterKeySpec", true],
      ["enableKeyRotation", false],
      ["keyUsage", true],
    ]);
    const alias = plan.changes.find((c) => c.urn === ALIAS_URN)!;
    expect(alias.properties[0]).toMatchObject({ path: "targetKeyId", after: UNKNOWN_VALUE });
    expect(plan.summary.replace).toBe(1);
    expect(plan.monthlyCostUsd).toBe(1);
  });

  it("counts a deleted replica out of the monthly cost", () => {
    const plan = buildPlan(target, deleteEvents());
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 1, same: 1 });
    expect(plan.monthlyCostUsd).toBe(1);
    expect(plan.changes.find((c) => c.op === "delete")!.properties.map((p) => p.kind)).toEqual(["delete", "delete", "delete"]);
  });

  it("a destroy that runs the program registers each resource (same) and then deletes it: the delete is the change", () => {
    const events = [
      planned(step("same", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) })),
      planned(step("same", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) })),
      planned(step("delete", ALIAS_URN, { old: state(ALIAS_INPUTS) })),
      planned(step("delete", KEY_URN, { old: state(KEY_INPUTS) })),
    ];
    const plan = buildPlan(target, events);
    expect(plan.changes.map((c) => [c.name, c.op])).toEqual([["key", "delete"], ["alias", "delete"]]);
    expect(plan.summary.delete).toBe(2);
  });

  it("reports no changes when every step is same", () => {
    const plan = buildPlan(target, updateEvents().filter((e) => e.kind === "step-planned" && e.step.op === "same"));
    expect(hasChanges(plan)).toBe(false);
  });

  it("falls back to comparing inputs when the provider sent no detailed diff", () => {
    const events = updateEvents().map((e) =>
      e.kind === "step-planned" && e.step.op === "update" ? { ...e, step: { ...e.step, detailedDiff: undefined, diffs: [] } } : e,
    );
    const key = buildPlan(target, events).changes.find((c) => c.urn === KEY_URN)!;
    expect(key.properties.map((p) => p.path)).toEqual(["description", "tags.CostCenter"]);
  });
});

describe("buildPlan after a failed replacement", () => {
  it("shows the old copy left in state as a delete of its own, next to the current key", () => {
    const events = [
      planned(step("same", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) })),
      planned(step("delete-replaced", KEY_URN, { old: state({ ...KEY_INPUTS, customerMasterKeySpec: "RSA_2048" }) })),
    ];
    const plan = buildPlan(target, events);
    expect(plan.changes.map((c) => [c.name, c.op])).toEqual([
      ["key", "same"],
      ["key (old copy)", "delete"],
    ]);
    expect(plan.summary.delete).toBe(1);
  });
});

describe("buildPlan after a refresh found drift", () => {
  it("takes the old value from the state when the old inputs equal the new ones", () => {
    const events = [
      planned(step("update", KEY_URN, {
        old: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }),
        new: state(KEY_INPUTS),
        diffs: ["isEnabled"],
        detailedDiff: { isEnabled: { kind: "update", inputDiff: true } },
      })),
    ];
    expect(buildPlan(target, events).changes[0]!.properties).toEqual([
      { path: "isEnabled", kind: "update", before: false, after: true, forcesReplacement: false },
    ]);
  });
});

describe("buildPlan order", () => {
  it("is stable whatever order the engine registered resources in: keys, replica keys, aliases, by name", () => {
    const events = [
      planned(step("create", "urn:pulumi:s::planton::aws:kms/alias:Alias::alias-eu-west-1")),
      planned(step("create", "urn:pulumi:s::planton::aws:kms/replicaKey:ReplicaKey::replica-eu-west-1")),
      planned(step("create", ALIAS_URN)),
      planned(step("create", KEY_URN)),
    ];
    const names = (evs: typeof events) => buildPlan(target, evs).changes.map((c) => c.name);
    expect(names(events)).toEqual(["key", "replica-eu-west-1", "alias", "alias-eu-west-1"]);
    expect(names([...events].reverse())).toEqual(["key", "replica-eu-west-1", "alias", "alias-eu-west-1"]);
  });
});

describe("buildPlan and the hidden engine resources", () => {
  const PROVIDER_URN = "urn:pulumi:acme-prod-rds::planton::pulumi:providers:aws::aws-us-east-1";
  const unchanged = () => [
    planned(step("same", STACK_URN)),
    planned(step("same", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) })),
    planned(step("same", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) })),
  ];

  it("counts a provider-only change (a new --endpoint-url) as a change, without showing the provider", () => {
    const provider = step("update", PROVIDER_URN, {
      old: state({ region: "us-east-1", endpoints: "[]" }),
      new: state({ region: "us-east-1", endpoints: '[{"kms":"http://localhost:4566"}]' }),
      diffs: ["endpoints"],
    });
    const plan = buildPlan(target, [planned(provider), ...unchanged()]);
    expect(plan.changes.map((c) => c.kind)).toEqual(["key", "alias"]);
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, same: 2 });
    expect(hasChanges(plan)).toBe(true);
    expect(plan.hiddenChanges).toBe(1);
  });

  it("counts a changed stack resource, and a replaced provider once", () => {
    expect(hasChanges(buildPlan(target, [...unchanged().slice(1), planned(step("update", STACK_URN))]))).toBe(true);
    const replaced = ["create-replacement", "replace", "delete-replaced"].map((op) => planned(step(op as "replace", PROVIDER_URN)));
    expect(buildPlan(target, [...replaced, ...unchanged()]).hiddenChanges).toBe(1);
  });

  it("reports no changes when the providers and the stack are the same too", () => {
    const plan = buildPlan(target, [planned(step("same", PROVIDER_URN)), ...unchanged()]);
    expect(plan.hiddenChanges).toBe(0);
    expect(hasChanges(plan)).toBe(false);
  });
});
