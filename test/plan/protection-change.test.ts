import type { EngineEvent } from "../../src/engine/engine-event";
import { buildPlan, hasChanges } from "../../src/plan/build-plan";
import { planJson } from "../../src/render/plan-json";
import { renderPlanMarkdown } from "../../src/render/plan-markdown";
import { renderPlanText } from "../../src/render/plan-text";
import { ALIAS_INPUTS, ALIAS_URN, KEY_INPUTS, KEY_URN, STACK_URN, diff, planned, state, step } from "./fixtures";

const target = { stack: "acme-prod-rds", file: "key.yaml", name: "rds" };

function protectedState(inputs: Record<string, unknown>, protect: boolean) {
  return { ...state(inputs), protect };
}

/**
 * A preview after spec.deletionProtection alone was flipped: the engine reports `same` steps whose
 * old and new `protect` differ (it changes the flag without a provider call).
 */
function protectionEvents(before: boolean, after: boolean): EngineEvent[] {
  return [
    planned(step("same", STACK_URN)),
    planned(step("same", KEY_URN, { old: protectedState(KEY_INPUTS, before), new: protectedState(KEY_INPUTS, after) })),
    planned(step("same", ALIAS_URN, { old: protectedState(ALIAS_INPUTS, before), new: protectedState(ALIAS_INPUTS, after) })),
  ];
}

describe("deletion protection in the plan", () => {
  it("turned on alone is an in-place change of the key and its alias, and counts as a change", () => {
    const plan = buildPlan(target, protectionEvents(false, true));
    expect(plan.changes.map((c) => [c.name, c.op, c.properties])).toEqual([
      ["key", "update", [{ path: "deletionProtection", kind: "update", before: false, after: true, forcesReplacement: false }]],
      ["alias", "update", [{ path: "deletionProtection", kind: "update", before: false, after: true, forcesReplacement: false }]],
    ]);
    expect(plan.summary).toEqual({ create: 0, update: 2, replace: 0, delete: 0, same: 0 });
    expect(hasChanges(plan)).toBe(true);
  });

  it("after a refresh that ran the program (which took `protect` from it), the refresh's old state says what the stack recorded", () => {
    const events: EngineEvent[] = [
      planned(step("refresh", KEY_URN, { old: protectedState(KEY_INPUTS, false), new: protectedState(KEY_INPUTS, true) })),
      planned(step("same", KEY_URN, { old: protectedState(KEY_INPUTS, true), new: protectedState(KEY_INPUTS, true) })),
    ];
    const plan = buildPlan(target, events);
    expect(plan.changes.map((c) => [c.name, c.op, c.properties])).toEqual([
      ["key", "update", [{ path: "deletionProtection", kind: "update", before: false, after: true, forcesReplacement: false }]],
    ]);
  });

  it("turned off alone is a change too", () => {
    const plan = buildPlan(target, protectionEvents(true, false));
    expect(plan.changes[0]!.properties).toEqual([{ path: "deletionProtection", kind: "update", before: true, after: false, forcesReplacement: false }]);
    expect(hasChanges(plan)).toBe(true);
  });

  it("unchanged is no change, whether on or off", () => {
    expect(hasChanges(buildPlan(target, protectionEvents(true, true)))).toBe(false);
    expect(hasChanges(buildPlan(target, protectionEvents(false, false)))).toBe(false);
  });

  it("joins the other property changes of an updated key, in path order", () => {
    const events = protectionEvents(false, true);
    const after = { ...KEY_INPUTS, description: "Primary RDS key" };
    events[1] = planned(step("update", KEY_URN, {
      old: protectedState(KEY_INPUTS, false),
      new: protectedState(after, true),
      diffs: ["description"],
      detailedDiff: { description: diff("update") },
    }));
    const key = buildPlan(target, events).changes[0]!;
    expect(key.op).toBe("update");
    expect(key.properties.map((p) => p.path)).toEqual(["deletionProtection", "description"]);
  });

  it("shows on a new key only when it is on", () => {
    const created = (protect: boolean) =>
      buildPlan(target, [planned(step("create", KEY_URN, { new: protectedState(KEY_INPUTS, protect) }))]).changes[0]!.properties.filter((p) => p.path === "deletionProtection");
    expect(created(true)).toEqual([{ path: "deletionProtection", kind: "add", after: true, forcesReplacement: false }]);
    expect(created(false)).toEqual([]);
  });

  it("is rendered as a change of the key in the text, JSON and markdown plans", () => {
    const plan = buildPlan(target, protectionEvents(false, true));
    const text = renderPlanText(plan, { colour: false });
    expect(text).toContain("  ~ update in place key (aws:kms/key:Key)\n      ~ deletionProtection = false → true\n");
    expect(text).toContain("Plan: 0 to create, 2 to update, 0 to replace, 0 to delete.");
    const json = planJson([{ ...target, plan, refusals: [] }], { ok: true, problems: [] });
    expect(json.hasChanges).toBe(true);
    expect(json.stacks[0]!.steps[0]).toMatchObject({ op: "update", name: "key", properties: [{ path: "deletionProtection", before: false, after: true }] });
    const markdown = renderPlanMarkdown([{ ...target, plan, refusals: [] }]);
    expect(markdown).toContain("**🔄 update in place** `key`");
    expect(markdown).toContain("| `deletionProtection` | `false` | `true` |");
  });
});
