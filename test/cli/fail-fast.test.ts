import { runCli } from "../../src/cli/main";
import { PlantonError } from "../../src/core/planton-error";
import type { EngineEvent } from "../../src/engine/engine-event";
import { createEvents, deleteEvents, KEY_URN, step } from "../plan/fixtures";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { policyBlock } from "../support/policy-block";

// --fail-fast on the engine commands, and progress lines named by stack when several run, through
// runCli on a fake engine whose stack b fails.

const doc = (name: string) => `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\nspec:\n  region: us-east-1\n${policyBlock}`;
const stdin = ["a", "b", "c", "d"].map(doc).join("---\n");
const env = { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent" };
const failing = (operation: "preview" | "update" | "destroy" | "refresh-preview") =>
  fakeEngine({ events: { preview: createEvents(), "destroy-preview": deleteEvents() }, fail: { [operation]: new PlantonError("engine", `cannot ${operation} stack b: the provider failed`) }, failStacks: ["b"] });

describe("--fail-fast", () => {
  it("preview: starts no stack after the first failure and reports the rest as skipped", async () => {
    const io = memoryIo({ stdin, env });
    const engine = failing("preview");
    expect(await runCli(["preview", "-f", "-", "--parallel", "1", "--fail-fast"], io, engine)).toBe(1);
    expect(engine.operations()).toEqual(["a:preview", "b:preview"]);
    expect(io.err()).toContain("  skipped c (-): skipped (--fail-fast)\n  skipped d (-): skipped (--fail-fast)\n");
  });

  it("without it, every stack runs", async () => {
    const io = memoryIo({ stdin, env });
    const engine = failing("preview");
    expect(await runCli(["preview", "-f", "-", "--parallel", "1"], io, engine)).toBe(1);
    expect(engine.operations()).toEqual(["a:preview", "b:preview", "c:preview", "d:preview"]);
  });

  it.each([
    ["apply", "update"],
    ["destroy", "destroy"],
    // refresh reads the drift first (refresh-preview); off a terminal without --yes it only reports.
    ["refresh", "refresh-preview"],
  ] as const)("%s -o json: the skipped stacks are in the document, with the reason", async (command, operation) => {
    const io = memoryIo({ stdin, env });
    const engine = failing(operation);
    const yes = command === "refresh" ? [] : ["--yes"];
    expect(await runCli([command, "-f", "-", "--parallel", "1", "--fail-fast", ...yes, "-o", "json"], io, engine)).toBe(1);
    expect(engine.operations().filter((o) => o.startsWith("c:") || o.startsWith("d:"))).toEqual([]);
    const document = JSON.parse(io.out()) as { ok: boolean; stacks: { stack: string; error: string | null }[] };
    expect(document.ok).toBe(false);
    expect(document.stacks.map((s) => [s.stack, s.error])).toEqual([
      ["a", null],
      ["b", "failed: the provider failed"],
      ["c", "skipped (--fail-fast)"],
      ["d", "skipped (--fail-fast)"],
    ]);
  });
});

describe("progress lines", () => {
  const deploying: EngineEvent[] = [
    { kind: "step-planned", step: step("create", KEY_URN), planning: false },
    { kind: "resource-done", step: step("create", KEY_URN), planning: false },
  ];
  const apply = async (stdinText: string) => {
    const io = memoryIo({ stdin: stdinText, env });
    await runCli(["apply", "-f", "-", "--yes", "--parallel", "2"], io, fakeEngine({ events: { preview: createEvents(), update: deploying } }));
    return io.err().split("\n").filter((line) => /creat(ing|ed) /.test(line));
  };

  it("name their stack when several stacks run", async () => {
    const lines = await apply(`${doc("a")}---\n${doc("b")}`);
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}\[a\] creating \S+ \(aws:kms\/key:Key\)$/),
      expect.stringMatching(/^ {2}\[a\] created /),
      expect.stringMatching(/^ {2}\[b\] creating /),
      expect.stringMatching(/^ {2}\[b\] created /),
    ]);
  });

  it("stay plain for one stack", async () => {
    expect(await apply(doc("a"))).toEqual([expect.stringMatching(/^ {2}creating \S+ \(/), expect.stringMatching(/^ {2}created /)]);
  });
});
