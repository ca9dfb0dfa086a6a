import { buildPlan } from "../../src/plan/build-plan";
import { refreshDrift } from "../../src/plan/refresh-drift";
import { destroySchedule, renderDestroyText } from "../../src/render/destroy-text";
import { renderDriftText } from "../../src/render/drift-text";
import { progressLine } from "../../src/render/progress-line";
import { ALIAS_INPUTS, ALIAS_URN, KEY_INPUTS, KEY_URN, planned, state, step } from "../plan/fixtures";

const target = { stack: "acme-prod-rds", file: "key.yaml", name: "rds" };

describe("renderDestroyText", () => {
  it("gives each key the date it becomes unrecoverable: now + its deletion window", () => {
    const plan = buildPlan(target, [
      planned(step("delete", ALIAS_URN, { old: state(ALIAS_INPUTS) })),
      planned(step("delete", KEY_URN, { old: state({ ...KEY_INPUTS, deletionWindowInDays: 7 }) })),
    ]);
    expect(renderDestroyText(plan, { colour: false, now: new Date("2026-11-29T10:00:00Z") })).toBe(
      "Stack acme-prod-rds (rds, key.yaml)\n\n" +
        "  - key (aws:kms/key:Key): scheduled for deletion in 7 days; unrecoverable after 2026-12-06 10:00 UTC (cancel before then with aws kms cancel-key-deletion)\n" +
        "  - alias (aws:kms/alias:Alias): removed\n" +
        "\nDestroy: 1 KMS key scheduled for deletion, 1 other resource removed.\n",
    );
  });

  it("says when there is nothing to destroy", () => {
    expect(renderDestroyText(buildPlan(target, []), { colour: false, now: new Date(0) })).toBe(
      "Stack acme-prod-rds (rds, key.yaml)\n\nNothing to destroy.\n",
    );
  });
});

const NOW = new Date("2026-11-29T10:00:00Z");

describe("progressLine", () => {
  it("says a key's deletion is scheduled, with the key id and the unrecoverable date, for a destroy and a replacement", () => {
    const old = { ...state({ ...KEY_INPUTS, deletionWindowInDays: 7 }), id: "1234abcd-old" };
    const deleted = step("delete", KEY_URN, { old });
    expect(progressLine({ kind: "step-planned", step: deleted, planning: false }, NOW)).toBe("  scheduling deletion of key (aws:kms/key:Key)");
    expect(progressLine({ kind: "resource-done", step: deleted, planning: false }, NOW)).toBe(
      "  scheduled deletion of key (aws:kms/key:Key): key 1234abcd-old, unrecoverable after 2026-12-06 10:00 UTC (cancel before then with aws kms cancel-key-deletion)",
    );
    expect(progressLine({ kind: "resource-done", step: step("delete-replaced", KEY_URN, { old }), planning: false }, NOW)).toBe(
      "  scheduled deletion of replaced key (aws:kms/key:Key): key 1234abcd-old, unrecoverable after 2026-12-06 10:00 UTC (cancel before then with aws kms cancel-key-deletion)",
    );
    // An alias is deleted at once.
    expect(progressLine({ kind: "resource-done", step: step("delete", ALIAS_URN, { old: state(ALIAS_INPUTS) }), planning: false }, NOW)).toBe("  deleted alias (aws:kms/alias:Alias)");
  });


  it("prints deployment steps of keys and aliases, not plan-time events or bookkeeping", () => {
    const key = step("create", KEY_URN);
    expect(progressLine({ kind: "step-planned", step: key, planning: false }, NOW)).toBe("  creating key (aws:kms/key:Key)");
    expect(progressLine({ kind: "resource-done", step: key, planning: false }, NOW)).toBe("  created key (aws:kms/key:Key)");
    expect(progressLine({ kind: "resource-failed", step: key }, NOW)).toBe("  failed key (aws:kms/key:Key)");
    expect(progressLine({ kind: "step-planned", step: key, planning: true }, NOW)).toBeUndefined();
    expect(progressLine({ kind: "step-planned", step: step("same", KEY_URN), planning: false }, NOW)).toBeUndefined();
    const provider = step("create", "urn:pulumi:s::planton::pulumi:providers:aws::primary");
    expect(progressLine({ kind: "step-planned", step: provider, planning: false }, NOW)).toBeUndefined();
  });
});

describe("refreshDrift", () => {
  // As the engine sends them: a `refresh` step is planned, then its result arrives with the
  // provider's diff of the live state against the last applied inputs.
  const refreshOf = (urn: string, before: Record<string, unknown>, after: Record<string, unknown> | undefined, diffs: string[] = []) => [
    planned(step("refresh", urn, { old: state(before) })),
    { kind: "resource-done" as const, step: step("refresh", urn, { old: state(before), ...(after ? { new: state(before, after) } : {}), diffs }), planning: true },
  ];

  it("reports, per property, what the provider's diff found changed outside planton", () => {
    const drift = refreshDrift([
      ...refreshOf(KEY_URN, KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }, ["isEnabled"]),
      ...refreshOf(ALIAS_URN, ALIAS_INPUTS, ALIAS_INPUTS),
    ]);
    expect(renderDriftText("acme-prod-rds", drift, { colour: false })).toBe(
      "Stack acme-prod-rds: changed outside planton since the last apply:\n" +
        "  ~ key (aws:kms/key:Key)\n" +
        "      ~ isEnabled = true → false\n",
    );
    expect(renderDriftText("s", [], { colour: false })).toBe("Stack s: no drift; the live resources match the state.\n");
  });

  it("spreads a map into its keys and leaves out values the provider does not count as drift", () => {
    const before = { ...KEY_INPUTS, tags: { team: "a", keep: "x" }, tagsAll: { team: "a", keep: "x" } };
    const after = { ...before, tags: { team: "b", keep: "x" }, tagsAll: { team: "b", keep: "x" } };
    const [change] = refreshDrift(refreshOf(KEY_URN, before, after, ["tags"]));
    expect(change?.properties).toEqual([{ path: "tags.team", kind: "update", before: "a", after: "b", forcesReplacement: false }]);
    // Outputs that differ but that the provider's diff did not name (tagsAll alone) are no drift.
    expect(refreshDrift(refreshOf(KEY_URN, before, { ...before, tagsAll: { other: "y" } }))).toEqual([]);
  });

  it("counts only the refresh steps of a refreshing preview, not the update it then plans", () => {
    const update = step("update", KEY_URN, { old: state(KEY_INPUTS), new: state({ ...KEY_INPUTS, description: "new" }), diffs: ["description"] });
    expect(refreshDrift([...refreshOf(KEY_URN, KEY_INPUTS, KEY_INPUTS), planned(update), { kind: "resource-done", step: update, planning: true }])).toEqual([]);
  });

  it("reports a resource gone from the cloud as a delete, and a refresh operation's outcome steps too", () => {
    expect(refreshDrift(refreshOf(ALIAS_URN, ALIAS_INPUTS, undefined))).toMatchObject([{ name: "alias", op: "delete", properties: [] }]);
    const outcome = step("update", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, { ...KEY_INPUTS, description: "by hand" }), diffs: ["description"] });
    const drift = refreshDrift([planned(step("refresh", KEY_URN, { old: state(KEY_INPUTS) })), { kind: "resource-done", step: outcome, planning: true }]);
    expect(drift).toMatchObject([{ name: "key", op: "update", properties: [{ path: "description", after: "by hand" }] }]);
  });

  it("shows a drifted key policy statement by statement, and a reformatted one not at all", () => {
    const policy = (actions: string[]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Use", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: actions, Resource: "*" }] });
    const before = { ...KEY_INPUTS, policy: policy(["kms:Decrypt"]) };
    const [change] = refreshDrift(refreshOf(KEY_URN, before, { ...before, policy: policy(["kms:Decrypt", "kms:Encrypt"]) }, ["policy"]));
    expect(change?.policy?.broadens).toBe(true);
    const reformatted = { ...before, policy: JSON.stringify(JSON.parse(before.policy), null, 2) };
    expect(refreshDrift(refreshOf(KEY_URN, before, reformatted, ["policy"]))).toEqual([]);
  });
});

describe("destroySchedule", () => {
  it("falls back to the default deletion window when the state has none", () => {
    const plan = buildPlan(target, [planned(step("delete", KEY_URN, { old: state({ ...KEY_INPUTS, deletionWindowInDays: undefined }) }))]);
    expect(destroySchedule(plan, new Date("2026-11-29T10:00:00Z")).scheduled).toEqual([
      { name: "key", type: "aws:kms/key:Key", deletionWindowDays: 30, unrecoverableAfter: "2026-12-29T10:00:00.000Z" },
    ]);
  });
});

describe("refreshDrift and bookkeeping", () => {
  it("leaves the stack and the providers out even when their state changed", () => {
    const provider = step("refresh", "urn:pulumi:s::planton::pulumi:providers:aws::primary", { old: state({ region: "us-east-1" }), new: state({ region: "eu-west-1" }), diffs: ["region"] });
    const stack = step("refresh", "urn:pulumi:s::planton::pulumi:pulumi:Stack::planton-s", { old: state({ a: 1 }), new: state({ a: 2 }), diffs: ["a"] });
    expect(refreshDrift([provider, stack].map((s) => ({ kind: "resource-done" as const, step: s, planning: false })))).toEqual([]);
  });
});
