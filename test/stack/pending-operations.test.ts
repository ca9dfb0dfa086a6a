import { applyStacks } from "../../src/stack/apply-stack";
import { previewStacks } from "../../src/stack/preview-stack";
import type { RunReport } from "../../src/stack/run-report";
import type { StackContext } from "../../src/stack/run-stacks";
import { fakeEngine, type FakeEngineOptions } from "../support/fake-engine";
import { createEvents, updateEvents } from "../plan/fixtures";

// What a killed run left pending is resolved before the preview, from the identity tags, and a
// plan that would create a second key for one manifest is refused.

const doc = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: a\nspec:\n  region: us-east-1\n";
const KEY = "urn:pulumi:a::planton::aws:kms/key:Key::a";
const ALIAS = "urn:pulumi:a::planton::aws:kms/alias:Alias::a";
const options = { files: ["-"], stackFlags: {}, allowReplace: false, allowBroadening: false, interactive: false, refresh: true };

function run(engineOptions: FakeEngineOptions, op: "preview" | "apply" = "preview") {
  const engine = fakeEngine(engineOptions);
  const reports: RunReport[] = [];
  const ctx: StackContext = {
    engine,
    sources: { readStdin: () => doc, cwd: process.cwd(), env: { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent" } },
    homeDir: "/nonexistent",
    interrupts: () => ({ signal: new AbortController().signal, interrupted: new AbortController().signal, dispose: () => undefined }),
    report: (r) => void reports.push(r),
    verbose: false,
  };
  const result = op === "preview" ? previewStacks(options, ctx) : applyStacks({ ...options, confirm: async () => undefined }, ctx);
  return result.then((r) => ({ run: r, engine, reports }));
}

const pendingKey = { operation: "creating", urn: KEY, type: "aws:kms/key:Key", inputs: {} };
const pendingAlias = { operation: "creating", urn: ALIAS, type: "aws:kms/alias:Alias", inputs: { name: "alias/a" } };
const recovered = (reports: readonly RunReport[]) => reports.flatMap((r) => (r.kind === "recovered" ? [r.text] : []));
const resolutions = (engine: ReturnType<typeof fakeEngine>) => engine.calls.flatMap((c) => (c.kind === "resolve" ? [c.resolutions] : []));
const previewRefreshes = (engine: ReturnType<typeof fakeEngine>) => engine.calls.flatMap((c) => (c.kind === "run" && c.operation === "preview" ? [c.options.refresh] : []));

describe("pending creates left by a killed run", () => {
  it("adopts the one live key with the manifest's identity tags and its alias, then refreshes before the preview (which reads nothing again)", async () => {
    const { run: r, engine, reports } = await run({
      state: { recorded: [], pending: [pendingKey, pendingAlias] },
      identityKeys: [{ keyId: "k-1", aliases: ["alias/a"] }],
      events: { preview: updateEvents() },
    }, "apply");
    expect(r.ok).toBe(true);
    expect(resolutions(engine)).toEqual([[{ urn: KEY, id: "k-1" }, { urn: ALIAS, id: "alias/a" }]]);
    expect(engine.operations()).toEqual(["a:refresh", "a:preview", "a:update"]);
    expect(previewRefreshes(engine)).toEqual([false]);
    expect(recovered(reports)).toEqual([
      "stack a: adopted k-1, created by an interrupted run, into the state",
      "stack a: adopted alias/a, created by an interrupted run, into the state",
    ]);
  });

  it("drops a pending create that never reached AWS, without a refresh", async () => {
    const { engine, reports } = await run({ state: { recorded: [], pending: [pendingKey] }, events: { preview: createEvents() } }, "apply");
    expect(resolutions(engine)).toEqual([[{ urn: KEY }]]);
    expect(engine.operations()).toEqual(["a:preview", "a:update"]);
    expect(previewRefreshes(engine)).toEqual([true]);
    expect(recovered(reports)).toEqual(["stack a: dropped a, which an interrupted run never created, into the state"]);
  });

  it("stops, naming the resource and the command to adopt it, when several keys could be the one", async () => {
    const { run: r, engine } = await run({
      state: { recorded: [], pending: [pendingKey] },
      identityKeys: [{ keyId: "k-1", aliases: [] }, { keyId: "k-2", aliases: [] }],
    });
    expect(r.ok).toBe(false);
    const error = r.results[0]!.error as Error & { hint: string };
    expect(error.message).toBe("cannot resolve the interrupted create of a in stack a: 2 live keys carry its identity tags (k-1, k-2)");
    expect(error.hint).toContain(`pulumi refresh --stack organization/planton/a --import-pending-creates ${KEY} <ID>`);
    expect(resolutions(engine)).toEqual([]);
    expect(engine.operations()).toEqual([]);
  });

  it("a key the state already records is not adopted a second time", async () => {
    const { engine } = await run({
      state: { recorded: [{ type: "aws:kms/key:Key", id: "k-1" }], pending: [pendingKey] },
      identityKeys: [{ keyId: "k-1", aliases: [] }],
    }, "apply");
    expect(resolutions(engine)).toEqual([[{ urn: KEY }]]);
  });

  it("preview writes nothing: it says what the next apply adopts, and does not call the key a second one", async () => {
    const { run: r, engine, reports } = await run({
      state: { recorded: [], pending: [pendingKey] },
      identityKeys: [{ keyId: "k-1", aliases: [] }],
      events: { preview: createEvents() },
    });
    expect(r.ok).toBe(true);
    expect(resolutions(engine)).toEqual([]);
    expect(engine.operations()).toEqual(["a:preview"]);
    expect(recovered(reports)).toEqual(["stack a: the next apply adopts k-1, created by an interrupted run, instead of creating a"]);
  });
});

const REPLICA = "urn:pulumi:a::planton::aws:kms/replicaKey:ReplicaKey::replica-eu-west-1";
const pendingReplica = { operation: "creating", urn: REPLICA, type: "aws:kms/replicaKey:ReplicaKey", inputs: {} };
const lookedIn = (engine: ReturnType<typeof fakeEngine>) => engine.calls.flatMap((c) => (c.kind === "identity-keys" ? [c.region] : []));

describe("pending replica creates left by a killed run (a multi-Region replica has its primary's key id)", () => {
  it("adopts the primary and the one tagged key in the replica's region, looked up there, then refreshes", async () => {
    const { run: r, engine, reports } = await run({
      state: { recorded: [], pending: [pendingKey, pendingReplica] },
      identityKeysIn: { "us-east-1": [{ keyId: "mrk-1", aliases: [] }], "eu-west-1": [{ keyId: "mrk-1", aliases: [] }] },
      events: { preview: updateEvents() },
    }, "apply");
    expect(r.ok).toBe(true);
    expect(lookedIn(engine)).toEqual(["us-east-1", "eu-west-1"]);
    expect(resolutions(engine)).toEqual([[{ urn: KEY, id: "mrk-1" }, { urn: REPLICA, id: "mrk-1" }]]);
    expect(engine.operations()).toEqual(["a:refresh", "a:preview", "a:update"]);
    expect(recovered(reports)).toContain("stack a: adopted mrk-1, created by an interrupted run, into the state");
    expect(recovered(reports)).toHaveLength(2);
  });

  it("adopts a replica that a run killed while adding a region created, next to the recorded primary", async () => {
    const { engine } = await run({
      state: { recorded: [{ type: "aws:kms/key:Key", id: "mrk-1" }], pending: [pendingReplica] },
      identityKeysIn: { "us-east-1": [{ keyId: "mrk-1", aliases: [] }], "eu-west-1": [{ keyId: "mrk-1", aliases: [] }] },
      events: { preview: updateEvents() },
    }, "apply");
    expect(resolutions(engine)).toEqual([[{ urn: REPLICA, id: "mrk-1" }]]);
  });

  it("drops a replica create that never reached AWS (no tagged key in its region)", async () => {
    const { engine, reports } = await run({
      state: { recorded: [{ type: "aws:kms/key:Key", id: "mrk-1" }], pending: [pendingReplica] },
      identityKeysIn: { "us-east-1": [{ keyId: "mrk-1", aliases: [] }], "eu-west-1": [] },
      events: { preview: createEvents() },
    }, "apply");
    expect(resolutions(engine)).toEqual([[{ urn: REPLICA }]]);
    expect(recovered(reports)).toEqual(["stack a: dropped replica-eu-west-1, which an interrupted run never created, into the state"]);
  });

  it("stops with the import command when two tagged keys in the replica's region could be the one", async () => {
    const { run: r, engine } = await run({
      state: { recorded: [{ type: "aws:kms/key:Key", id: "mrk-1" }], pending: [pendingReplica] },
      identityKeysIn: { "us-east-1": [{ keyId: "mrk-1", aliases: [] }], "eu-west-1": [{ keyId: "mrk-1", aliases: [] }, { keyId: "mrk-2", aliases: [] }] },
    }, "apply");
    const error = r.results[0]!.error as Error & { hint: string };
    expect(error.message).toBe("cannot resolve the interrupted create of replica-eu-west-1 in stack a: 2 live keys in eu-west-1 carry its identity tags (mrk-1, mrk-2)");
    expect(error.hint).toContain(`--import-pending-creates ${REPLICA} <ID>`);
    expect(resolutions(engine)).toEqual([]);
    expect(engine.operations()).toEqual([]);
  });

  it("refuses the one tagged key in the replica's region when it is not a replica of the stack's key", async () => {
    const { run: r, engine } = await run({
      state: { recorded: [{ type: "aws:kms/key:Key", id: "mrk-1" }], pending: [pendingReplica] },
      identityKeysIn: { "us-east-1": [{ keyId: "mrk-1", aliases: [] }], "eu-west-1": [{ keyId: "mrk-9", aliases: [] }] },
    }, "apply");
    expect((r.results[0]!.error as Error).message).toBe(
      "cannot resolve the interrupted create of replica-eu-west-1 in stack a: the live key in eu-west-1 that carries its identity tags (mrk-9) is not a replica of this stack's key (mrk-1)",
    );
    expect(resolutions(engine)).toEqual([]);
  });

  it("preview says the next apply adopts the replica, and writes nothing", async () => {
    const { engine, reports } = await run({
      state: { recorded: [{ type: "aws:kms/key:Key", id: "mrk-1" }], pending: [pendingReplica] },
      identityKeysIn: { "us-east-1": [{ keyId: "mrk-1", aliases: [] }], "eu-west-1": [{ keyId: "mrk-1", aliases: [] }] },
      events: { preview: createEvents() },
    });
    expect(resolutions(engine)).toEqual([]);
    expect(recovered(reports)).toEqual(["stack a: the next apply adopts mrk-1, created by an interrupted run, instead of creating replica-eu-west-1"]);
  });
});

describe("a plan that creates the key while a live key carries its identity tags", () => {
  it("is refused (the state was lost), and apply deploys nothing", async () => {
    const { run: r, engine } = await run({ identityKeys: [{ keyId: "k-9", aliases: ["alias/a"] }], events: { preview: createEvents() } }, "apply");
    expect(r.ok).toBe(false);
    expect((r.results[0]!.error as Error).message).toBe(
      "cannot create the key of stack a: us-east-1 already has a live key with this manifest's identity tags that the stack does not record (k-9)",
    );
    expect(engine.operations()).toEqual(["a:preview"]);
  });
});
