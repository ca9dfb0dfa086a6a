import { isPlantonError } from "../../src/core/planton-error";
import { applyStacks } from "../../src/stack/apply-stack";
import type { StackContext } from "../../src/stack/run-stacks";
import { fakeEngine, type FakeEngineOptions } from "../support/fake-engine";
import { testStackContext } from "../support/stack-context";
import type { EngineEvent } from "../../src/engine/engine-event";
import { createEvents, KEY_INPUTS, KEY_URN, planned, state, step } from "../plan/fixtures";

// Apply is bound to the preview it showed: the state stamp read with the preview must still hold
// after the confirmation, and the update is held to the preview's engine plan.

const doc = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: a\nspec:\n  region: us-east-1\n";

function context(engineOptions: FakeEngineOptions): { ctx: StackContext; engine: ReturnType<typeof fakeEngine> } {
  const engine = fakeEngine(engineOptions);
  return { ctx: testStackContext(engine, doc), engine };
}

const apply = { files: ["-"], stackFlags: {}, allowReplace: false, allowBroadening: false, interactive: false, refresh: true, confirm: async () => undefined };

describe("the bound apply", () => {
  it("runs the update held to the preview's engine plan when the state did not move", async () => {
    const { ctx, engine } = context({ events: { preview: createEvents() }, enginePlan: '{"resourcePlans":{}}', stateStamps: ["s1", "s1"] });
    const run = await applyStacks(apply, ctx);
    expect(run.ok).toBe(true);
    const update = engine.calls.find((c) => c.kind === "run" && c.operation === "update");
    expect(update?.kind === "run" && update.options.enginePlan).toBe('{"resourcePlans":{}}');
    expect(engine.calls.filter((c) => c.kind === "state")).toHaveLength(2);
  });

  it("reads the live resources again in the held update only when the preview found drift", async () => {
    // The key was disabled by hand: the refresh step says so, then the preview plans to enable it again.
    const drifted: EngineEvent[] = [
      planned(step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) })),
      { kind: "resource-done", step: step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }), diffs: ["isEnabled"] }), planning: true },
      planned(step("update", KEY_URN, { old: state(KEY_INPUTS, { ...KEY_INPUTS, isEnabled: false }), new: state(KEY_INPUTS), diffs: ["isEnabled"] })),
    ];
    const updateOptions = async (events: EngineEvent[]) => {
      const { ctx, engine } = context({ events: { preview: events }, enginePlan: "plan-1", stateStamps: ["s1"] });
      expect((await applyStacks(apply, ctx)).ok).toBe(true);
      const update = engine.calls.find((c) => c.kind === "run" && c.operation === "update");
      return update?.kind === "run" ? { refresh: update.options.refresh, enginePlan: update.options.enginePlan } : undefined;
    };
    expect(await updateOptions(drifted)).toEqual({ refresh: true, enginePlan: "plan-1" });
    expect(await updateOptions(createEvents())).toEqual({ refresh: false, enginePlan: "plan-1" });
  });

  it("fails the stack as `moved` and runs no update when the state changed between the preview and the update", async () => {
    const { ctx, engine } = context({ events: { preview: createEvents() }, stateStamps: ["s1", "s2"] });
    const run = await applyStacks(apply, ctx);
    expect(engine.operations()).toEqual(["a:preview"]);
    const error = run.results[0]?.error;
    expect(isPlantonError(error) && error.kind).toBe("moved");
    expect((error as Error).message).toBe("cannot apply stack a: its state changed since the plan was made (another apply, refresh or destroy landed in between)");
  });
});
