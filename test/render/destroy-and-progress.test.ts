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

describe("progressLine", () => {
  it("prints deployment steps of keys and aliases, not plan-time events or bookkeeping", () => {
    const key = step("create", KEY_URN);
    expect(progressLine({ kind: "step-planned", step: key, planning: false })).toBe("  creating key (aws:kms/key:Key)");
    expect(progressLine({ kind: "resource-done", step: key, planning: false })).toBe("  created key (aws:kms/key:Key)");
    expect(progressLine({ kind: "resource-failed", step: key })).toBe("  failed key (aws:kms/key:Key)");
    expect(progressLine({ kind: "step-planned", step: key, planning: true })).toBeUndefined();
    expect(progressLine({ kind: "step-planned", step: step("same", KEY_URN), planning: false })).toBeUndefined();
    const provider = step("create", "urn:pulumi:s::planton::pulumi:providers:aws::primary");
    expect(progressLine({ kind: "step-planned", step: provider, planning: false })).toBeUndefined();
  });
});

describe("refreshDrift", () => {
  it("reports properties the cloud changed behind planton's back", () => {
    const refreshed = step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }) });
    const unchanged = step("refresh", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) });
    const drift = refreshDrift([
      { kind: "resource-done", step: refreshed, planning: false },
      { kind: "resource-done", step: unchanged, planning: false },
    ]);
    expect(renderDriftText("acme-prod-rds", drift, { colour: false })).toBe(
      "Stack acme-prod-rds: the refresh recorded changes made outside planton:\n" +
        "  ~ key (aws:kms/key:Key)\n" +
        "      ~ isEnabled = true → false\n" +
        "Run `planton preview` to see what apply would change back.\n",
    );
    expect(renderDriftText("s", [], { colour: false })).toBe("Stack s: no drift; the state matches the cloud.\n");
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
    const provider = step("refresh", "urn:pulumi:s::planton::pulumi:providers:aws::primary", { old: state({ region: "us-east-1" }), new: state({ region: "eu-west-1" }) });
    const stack = step("refresh", "urn:pulumi:s::planton::pulumi:pulumi:Stack::planton-s", { old: state({ a: 1 }), new: state({ a: 2 }) });
    expect(refreshDrift([provider, stack].map((s) => ({ kind: "resource-done" as const, step: s, planning: false })))).toEqual([]);
  });
});
