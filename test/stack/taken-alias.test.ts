import { isPlantonError } from "../../src/core/planton-error";
import { previewStacks } from "../../src/stack/preview-stack";
import { fakeEngine, type FakeEngine, type FakeEngineOptions } from "../support/fake-engine";
import { testStackContext } from "../support/stack-context";
import { createEvents, updateEvents } from "../plan/fixtures";

// The preview looks up the aliases its plan would create and refuses one that already points at a
// key outside the stack, before anything is created (KMS would refuse it half-way through apply).

const manifest = (extra = "") =>
  `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: rds\n  org: acme\n  env: prod\nspec:\n  region: us-east-1\n  alias: alias/prod/rds\n${extra}`;

function preview(engineOptions: FakeEngineOptions, stdin = manifest()): { engine: FakeEngine; run: ReturnType<typeof previewStacks> } {
  const engine = fakeEngine(engineOptions);
  const ctx = testStackContext(engine, stdin);
  return { engine, run: previewStacks({ files: ["-"], stackFlags: {}, allowReplace: false, allowBroadening: false, interactive: false, refresh: true }, ctx) };
}

const lookups = (engine: FakeEngine) => engine.calls.flatMap((c) => (c.kind === "alias-lookup" ? [c.lookups] : []));

describe("an alias already held outside the stack", () => {
  it("fails the preview with the key that holds it and the import hint, keeping no plan", async () => {
    const { engine, run } = preview({ events: { preview: createEvents() }, aliasOwners: [{ region: "us-east-1", name: "alias/prod/rds", targetKeyId: "other-key" }] });
    const [result] = (await run).results;
    expect(result?.ok).toBe(false);
    expect(isPlantonError(result?.error) && result.error.kind).toBe("refused");
    expect((result?.error as Error).message).toBe(
      "cannot use alias/prod/rds in us-east-1 for stack acme-prod-rds: it already points at key other-key, which this stack does not manage",
    );
    expect(isPlantonError(result?.error) && result.error.hint).toContain("planton import --key-id other-key");
    expect(result?.detail).toBeUndefined();
    expect(lookups(engine)).toEqual([[{ region: "us-east-1", name: "alias/prod/rds" }]]);
  });

  it("passes when nobody holds it", async () => {
    const { run } = preview({ events: { preview: createEvents() } });
    expect((await run).ok).toBe(true);
  });

  it("is not looked up when the plan creates no alias (the stack already holds it)", async () => {
    const { engine, run } = preview({ events: { preview: updateEvents() }, aliasOwners: [{ region: "us-east-1", name: "alias/prod/rds", targetKeyId: "other-key" }] });
    expect((await run).ok).toBe(true);
    expect(lookups(engine)).toEqual([]);
  });
});
