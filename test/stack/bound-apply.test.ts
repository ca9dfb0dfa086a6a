import { isPlantonError } from "../../src/core/planton-error";
import { applyStacks } from "../../src/stack/apply-stack";
import type { StackContext } from "../../src/stack/run-stacks";
import { fakeEngine, type FakeEngineOptions } from "../support/fake-engine";
import { createEvents } from "../plan/fixtures";

// Apply is bound to the preview it showed: the state stamp read with the preview must still hold
// after the confirmation, and the update is held to the preview's engine plan.

const doc = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: a\nspec:\n  region: us-east-1\n";

function context(engineOptions: FakeEngineOptions): { ctx: StackContext; engine: ReturnType<typeof fakeEngine> } {
  const engine = fakeEngine(engineOptions);
  const ctx: StackContext = {
    engine,
    sources: { readStdin: () => doc, cwd: process.cwd(), env: { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent" } },
    homeDir: "/nonexistent",
    interrupts: () => ({ signal: new AbortController().signal, interrupted: new AbortController().signal, dispose: () => undefined }),
    report: () => undefined,
    verbose: false,
  };
  return { ctx, engine };
}

const apply = { files: ["-"], stackFlags: {}, allowReplace: false, allowBroadening: false, interactive: false, confirm: async () => undefined };

describe("the bound apply", () => {
  it("runs the update held to the preview's engine plan when the state did not move", async () => {
    const { ctx, engine } = context({ events: { preview: createEvents() }, enginePlan: '{"resourcePlans":{}}', stateStamps: ["s1", "s1"] });
    const run = await applyStacks(apply, ctx);
    expect(run.ok).toBe(true);
    const update = engine.calls.find((c) => c.kind === "run" && c.operation === "update");
    expect(update?.kind === "run" && update.options.enginePlan).toBe('{"resourcePlans":{}}');
    expect(engine.calls.filter((c) => c.kind === "state")).toHaveLength(2);
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
