import { previewStacks } from "../../src/stack/preview-stack";
import { ENDPOINT_PLACEHOLDER, savedPlan, withEndpoint } from "../../src/stack/saved-plan";
import { fakeEngine } from "../support/fake-engine";
import { testStackContext } from "../support/stack-context";
import { createEvents } from "../plan/fixtures";

// The saved plan of a preview run: bound to the state and live key it read, the resolved manifest,
// the plan as `-o json` shows it, and the engine's plan without the endpoint URL (it may hold a password).

const doc = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: a\nspec:\n  region: us-east-1\n";
// planton refuses an endpoint with credentials in it; the endpoint is left out of the file all the same.
const ENDPOINT = "http://127.0.0.1:4566/";
const meta = { id: "plan-1", createdAt: "2026-01-01T00:00:00.000Z", allowReplace: true, allowBroadening: false };

async function previewRun(enginePlan: string) {
  const engine = fakeEngine({ events: { preview: createEvents() }, enginePlan, stateStamps: ["state-7"] });
  const ctx = testStackContext(engine, doc);
  const options = { files: ["-"], set: ["spec.description=planned"], stackFlags: { endpointUrl: ENDPOINT }, allowReplace: true, allowBroadening: false, interactive: false, refresh: true, save: true };
  return { run: await previewStacks(options, ctx), engine };
}

describe("savedPlan", () => {
  it("saves each stack's resolved manifest, shown plan, overrides and basis, with a refreshed, bound preview", async () => {
    const { run, engine } = await previewRun("{}");
    const plan = savedPlan(run, meta)!;
    expect(plan).toMatchObject({ kind: "planton/saved-plan", formatVersion: "1.0", id: "plan-1" });
    const [stack] = plan.stacks;
    expect(stack).toMatchObject({ stack: "a", allowReplace: true, allowBroadening: false, basis: { state: "state-7" } });
    expect(stack?.manifest).toMatchObject({ spec: { description: "planned", deletionWindowDays: 30 } });
    expect(stack?.shown.summary).toEqual(stack?.plan.summary);
    const preview = engine.calls.find((c) => c.kind === "run" && c.operation === "preview");
    expect(preview?.kind === "run" && [preview.options.refresh, preview.options.savePlan]).toEqual([true, true]);
  });

  it("leaves the endpoint URL out of the engine's plan and puts the apply's back", async () => {
    const enginePlan = JSON.stringify({ resourcePlans: { p: { goal: { inputDiff: { adds: { endpoints: JSON.stringify([{ kms: ENDPOINT }]) } } } } } });
    const { run } = await previewRun(enginePlan);
    const plan = savedPlan(run, meta)!;
    const text = JSON.stringify(plan);
    expect(text).not.toContain("127.0.0.1:4566");
    expect(text).toContain(ENDPOINT_PLACEHOLDER);
    expect(JSON.parse(withEndpoint(plan.stacks[0]!.engine.pulumiPlan, ENDPOINT))).toEqual(JSON.parse(enginePlan));
  });
});
