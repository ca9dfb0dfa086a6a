import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { PlantonError } from "../../src/core/planton-error";
import type { StackListing } from "../../src/engine/engine";
import { updateEvents } from "../plan/fixtures";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { policyBlock } from "../support/policy-block";
import { tempDir } from "../support/temp-dir";

// `planton stacks` and preview's orphan lines, through runCli on a fake engine whose backend holds
// three stacks: a (claimed by the manifest in the directory), b (holds a key, no manifest) and
// c (destroyed: no resources, no key).

const doc = (name: string) => `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\nspec:\n  region: us-east-1\n${policyBlock}`;
const env = { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent" };
const output = (value: string) => ({ value, secret: false });
const listing: StackListing[] = [
  { name: "a", lastUpdate: "2026-12-01T10:00:00.000Z", resourceCount: 4, outputs: { keyId: output("key-a"), region: output("us-east-1") } },
  { name: "b", lastUpdate: "2026-11-30T09:00:00.000Z", resourceCount: 4, outputs: { keyId: output("key-b"), region: output("eu-west-1") } },
  { name: "c", lastUpdate: "2026-11-29T08:00:00.000Z", resourceCount: 0, outputs: {} },
];

function fleetDir(): string {
  const dir = tempDir("planton-stacks");
  writeFileSync(join(dir, "a.yaml"), doc("a"));
  return dir;
}

describe("planton stacks", () => {
  it("lists every stack with its key, region and last update, in the backend the flags name", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ stacks: listing });
    expect(await runCli(["stacks", "--backend", "file:///tmp/elsewhere"], io, engine)).toBe(0);
    const rows = io.out().trimEnd().split("\n").map((line) => line.split(/ {2,}/));
    expect(rows).toEqual([
      ["STACK", "KEY", "REGION", "LAST UPDATE"],
      ["a", "key-a", "us-east-1", "2026-12-01T10:00:00.000Z"],
      ["b", "key-b", "eu-west-1", "2026-11-30T09:00:00.000Z"],
      ["c", "-", "-", "2026-11-29T08:00:00.000Z"],
    ]);
    expect(engine.calls).toEqual([expect.objectContaining({ kind: "list", location: expect.objectContaining({ backend: expect.objectContaining({ url: "file:///tmp/elsewhere" }) }) })]);
    expect(io.err()).not.toContain("orphaned");
  });

  it("with -f, marks the stack no manifest claims that still holds a key as orphaned, text and JSON", async () => {
    const dir = fleetDir();
    const text = memoryIo({ env });
    expect(await runCli(["stacks", "-f", dir], text, fakeEngine({ stacks: listing }))).toBe(0);
    expect(text.out()).toMatch(/^b +key-b +eu-west-1 +\S+ +ORPHANED$/m);
    expect(text.out()).toMatch(/^a +key-a .*a\.yaml$/m);
    expect(text.err()).toBe("orphaned stack b: no manifest claims it, but its key key-b in eu-west-1 is still live and billed (planton destroy --stack b schedules its deletion)\n");

    const json = memoryIo({ env });
    expect(await runCli(["stacks", "-f", dir, "-o", "json"], json, fakeEngine({ stacks: listing }))).toBe(0);
    const document = JSON.parse(json.out()) as { ok: boolean; stacks: { stack: string; orphaned: boolean; name: string | null }[] };
    expect(document.ok).toBe(true);
    expect(document.stacks.map((s) => [s.stack, s.orphaned, s.name])).toEqual([["a", false, "a"], ["b", true, null], ["c", false, null]]);
  });

  it("without -f, orphaned is null in JSON: nothing was checked", async () => {
    const io = memoryIo({ env });
    expect(await runCli(["stacks", "-o", "json"], io, fakeEngine({ stacks: listing }))).toBe(0);
    expect((JSON.parse(io.out()) as { stacks: { orphaned: unknown }[] }).stacks.map((s) => s.orphaned)).toEqual([null, null, null]);
  });

  it("says so when the backend holds no stack", async () => {
    const io = memoryIo({ env });
    expect(await runCli(["stacks"], io, fakeEngine())).toBe(0);
    expect(io.out()).toBe("");
    expect(io.err()).toBe("no stacks in the backend\n");
  });

  it("exits 1 with one line when the backend cannot be listed, and a JSON document says why", async () => {
    const failing = () => fakeEngine({ stacks: new PlantonError("engine", "cannot list the stacks in s3://nowhere: NoSuchBucket") });
    const text = memoryIo({ env });
    expect(await runCli(["stacks"], text, failing())).toBe(1);
    expect(text.err()).toContain("cannot list the stacks in s3://nowhere: NoSuchBucket");
    const json = memoryIo({ env });
    expect(await runCli(["stacks", "-o", "json"], json, failing())).toBe(1);
    expect(JSON.parse(json.out())).toMatchObject({ ok: false, stacks: [], error: "cannot list the stacks in s3://nowhere: NoSuchBucket" });
  });

  it("lists the stacks with a warning when their locks cannot be listed, and names only the stacks' failure when both fail", async () => {
    const locksDown = new PlantonError("engine", "cannot list the stacks' locks in s3://x: fetch failed");
    const io = memoryIo({ env });
    expect(await runCli(["stacks"], io, fakeEngine({ stacks: listing, locks: locksDown }))).toBe(0);
    expect(io.out().trimEnd().split("\n").slice(1).map((line) => line.split(/ {2,}/)[0])).toEqual(["a", "b", "c"]);
    expect(io.err()).toContain("warning: cannot list the stacks' locks in s3://x: fetch failed\n");
    const both = memoryIo({ env });
    expect(await runCli(["stacks"], both, fakeEngine({ stacks: new PlantonError("engine", "cannot list the stacks in s3://x: NoSuchBucket"), locks: locksDown }))).toBe(1);
    expect(both.err()).toContain("cannot list the stacks in s3://x: NoSuchBucket");
    expect(both.err()).not.toContain("locks");
  });

  it("exits 1 on an invalid manifest without listing: its stack would be called orphaned wrongly", async () => {
    const dir = fleetDir();
    writeFileSync(join(dir, "bad.yaml"), "kind: AwsKmsKey\n");
    const io = memoryIo({ env });
    const engine = fakeEngine({ stacks: listing });
    expect(await runCli(["stacks", "-f", dir], io, engine)).toBe(1);
    expect(engine.calls).toEqual([]);
  });
});

describe("preview -f DIR", () => {
  it("names each orphaned stack in one line on stderr, and in the JSON document's orphans", async () => {
    const dir = fleetDir();
    const text = memoryIo({ env });
    expect(await runCli(["preview", "-f", dir], text, fakeEngine({ stacks: listing, events: { preview: updateEvents() } }))).toBe(0);
    expect(text.err().match(/^orphaned stack .*$/gm)).toEqual([expect.stringMatching(/^orphaned stack b: no manifest claims it/)]);

    const json = memoryIo({ env });
    expect(await runCli(["preview", "-f", dir, "-o", "json"], json, fakeEngine({ stacks: listing, events: { preview: updateEvents() } }))).toBe(0);
    expect((JSON.parse(json.out()) as { orphans: unknown }).orphans).toEqual([
      { stack: "b", keyId: "key-b", region: "eu-west-1", lastUpdate: "2026-11-30T09:00:00.000Z", file: null, name: null, orphaned: true },
    ]);
  });

  it("reads the outputs only of the stacks no manifest claims", async () => {
    const engine = fakeEngine({ stacks: listing, events: { preview: updateEvents() } });
    expect(await runCli(["preview", "-f", fleetDir()], memoryIo({ env }), engine)).toBe(0);
    expect(engine.calls.filter((c) => c.kind === "list").map((c) => c.outputsRead)).toEqual([["b", "c"]]);
  });

  it("does not look for orphans with a single file, and its JSON orphans is null", async () => {
    const io = memoryIo({ env, stdin: doc("a") });
    const engine = fakeEngine({ stacks: listing, events: { preview: updateEvents() } });
    expect(await runCli(["preview", "-f", "-", "-o", "json"], io, engine)).toBe(0);
    expect(engine.calls.some((c) => c.kind === "list")).toBe(false);
    expect((JSON.parse(io.out()) as { orphans: unknown }).orphans).toBeNull();
  });

  it("warns and keeps its exit code when the backend cannot be listed", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ stacks: new PlantonError("engine", "cannot list the stacks in s3://x: denied"), events: { preview: updateEvents() } });
    expect(await runCli(["preview", "-f", fleetDir()], io, engine)).toBe(0);
    expect(io.err()).toContain("warning: cannot look for orphaned stacks: cannot list the stacks in s3://x: denied\n");
  });
});

describe("flags a command would ignore", () => {
  it.each([
    [["stacks", "--stack", "a"], "error: cannot list the stacks: it lists every stack in the backend from the state alone, without reaching KMS; drop --stack\n"],
    [["stacks", "--endpoint-url", "http://127.0.0.1:1"], "error: cannot list the stacks: it lists every stack in the backend from the state alone, without reaching KMS; drop --endpoint-url\n"],
    [["stacks", "--set", "spec.description=x", "--region", "us-east-1"], "error: cannot list the stacks: --set and --region change the manifests given with -f, and none was; drop --set, --region\n"],
    [["outputs", "--stack", "a", "--region", "us-east-1"], "error: cannot read the outputs: --set and --region change the manifests given with -f, and none was; drop --region\n"],
    [["outputs", "--stack", "a", "--endpoint-url", "http://127.0.0.1:1"], "error: cannot read the outputs: outputs come from the stack's state, without reaching KMS; drop --endpoint-url\n"],
    [["destroy", "--stack", "a", "--set", "spec.description=x", "--yes"], "error: cannot destroy: --set and --region change the manifests given with -f, and none was; drop --set\n"],
    [["refresh", "--stack", "a", "--region", "eu-west-1"], "error: cannot refresh: --set and --region change the manifests given with -f, and none was; drop --region\n"],
  ])("planton %j is a usage error naming the flags and what the command takes", async (argv, message) => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ stacks: listing });
    expect(await runCli(argv, io, engine)).toBe(1);
    expect(io.err()).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}  planton ${argv[0]} takes -f, --set, `));
    expect(engine.calls).toEqual([]);
  });

  it("names exactly the flags planton stacks takes, and its help leaves out --stack and --endpoint-url", async () => {
    const io = memoryIo({ env });
    expect(await runCli(["stacks", "--stack", "a"], io, fakeEngine())).toBe(1);
    expect(io.err()).toContain("  planton stacks takes -f, --set, --backend, --region, --profile, -o (see planton stacks --help)\n");
    const help = memoryIo({ env });
    expect(await runCli(["stacks", "--help"], help, fakeEngine())).toBe(0);
    expect(help.out()).not.toMatch(/--stack|--endpoint-url/);
  });

  it("still takes --region with -f, where it fills in the manifests' region", async () => {
    const dir = tempDir("planton-stacks");
    writeFileSync(join(dir, "a.yaml"), doc("a").replace("  region: us-east-1\n", ""));
    const io = memoryIo({ env });
    expect(await runCli(["stacks", "-f", dir, "--region", "us-east-1"], io, fakeEngine({ stacks: listing }))).toBe(0);
  });
});
