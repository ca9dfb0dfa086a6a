import { runCli } from "../../src/cli/main";
import { PlantonError } from "../../src/core/planton-error";
import type { StackLock } from "../../src/engine/stack-lock";
import { updateEvents } from "../plan/fixtures";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { policyBlock } from "../support/policy-block";

// Every command that reads a stack says who holds its lock, one warning line per lock, and puts
// the locks in its JSON document; read once per stack, when it is opened (fake engine).

const doc = (name: string) => `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\nspec:\n  region: us-east-1\n${policyBlock}`;
const env = { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "s3://state?region=us-east-1" };
const lock = (stack: string, status: StackLock["status"], holder = true): StackLock => ({
  stack,
  key: `.pulumi/locks/organization/planton/${stack}/${status}.json`,
  where: `s3://state/.pulumi/locks/organization/planton/${stack}/${status}.json`,
  ...(holder ? { holder: { pid: 4242, username: "ci", hostname: "runner-7", timestamp: "2026-12-01T12:00:00Z" } } : {}),
  status,
});
const hint = "`planton unlock --stack a --backend 's3://state?region=us-east-1'`";

describe("locks reported by the commands that read a stack", () => {
  it("preview: one warning line per lock, worded by what planton can tell of the holder, the run goes on; one lock listing per stack", async () => {
    const io = memoryIo({ stdin: `${doc("a")}---\n${doc("b")}`, env });
    const engine = fakeEngine({ locks: [lock("a", "elsewhere"), lock("a", "gone"), lock("a", "running"), lock("a", "gone", false)], events: { preview: updateEvents() } });
    expect(await runCli(["preview", "-f", "-"], io, engine)).toBe(0);
    const warnings = io.err().split("\n").filter((line) => line.startsWith("warning: stack"));
    expect(warnings).toEqual([
      `warning: stack a is locked by ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: if that run is no longer active, clear the lock with ${hint}`,
      `warning: stack a is locked by ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: that process no longer runs; clear the lock with ${hint}`,
      "warning: stack a is locked by ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: that run is still active on this host; wait for it to finish",
      `warning: stack a is locked by an unreadable lock file (s3://state/.pulumi/locks/organization/planton/a/gone.json): clear it with ${hint}`,
    ]);
    expect(engine.calls.filter((c) => c.kind === "list-locks")).toEqual([{ kind: "list-locks", stack: "a" }, { kind: "list-locks", stack: "b" }]);
  });

  it("outputs -o json of several stacks: each entry has its locks, [] when none", async () => {
    const io = memoryIo({ stdin: `${doc("a")}---\n${doc("b")}`, env });
    const engine = fakeEngine({ locks: [lock("a", "elsewhere")], outputs: { keyId: { value: "k-1", secret: false } } });
    expect(await runCli(["outputs", "-f", "-", "-o", "json"], io, engine)).toBe(0);
    const document = JSON.parse(io.out()) as { stacks: { stack: string; locks: unknown[] }[] };
    expect(document.stacks.map((s) => [s.stack, s.locks])).toEqual([
      ["a", [{ where: lock("a", "elsewhere").where, username: "ci", hostname: "runner-7", pid: 4242, since: "2026-12-01T12:00:00Z", status: "elsewhere", unlockCommand: hint.slice(1, -1) }]],
      ["b", []],
    ]);
    expect(io.err()).toContain("warning: stack a is locked by ci@runner-7 (pid 4242)");
  });

  it("a backend whose locks cannot be listed: a warning, and the command goes on", async () => {
    const io = memoryIo({ stdin: doc("a"), env });
    const engine = fakeEngine({ locks: new PlantonError("engine", "cannot list the locks of stack a in s3://state?region=us-east-1: AccessDenied"), events: { preview: updateEvents() } });
    expect(await runCli(["preview", "-f", "-"], io, engine)).toBe(0);
    expect(io.err()).toContain("warning: cannot list the locks of stack a in s3://state?region=us-east-1: AccessDenied\n");
  });

  it("stacks: one listing of the whole backend's locks, each reported under its stack and in JSON", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ stacks: [{ name: "a", outputs: {} }, { name: "b", outputs: {} }], locks: [lock("b", "elsewhere")] });
    expect(await runCli(["stacks", "-o", "json"], io, engine)).toBe(0);
    expect(engine.calls.filter((c) => c.kind === "list-locks")).toEqual([{ kind: "list-locks" }]);
    const document = JSON.parse(io.out()) as { stacks: { stack: string; locks: { status: string }[] }[] };
    expect(document.stacks.map((s) => [s.stack, s.locks.map((l) => l.status)])).toEqual([["a", []], ["b", ["elsewhere"]]]);
    expect(io.err()).toContain("warning: stack b is locked by ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: if that run is no longer active, clear the lock with `planton unlock --stack b --backend 's3://state?region=us-east-1'`");
  });
});

describe("planton unlock on the fake engine", () => {
  it("removes exactly the locks it listed, after the confirmation", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ locks: [lock("a", "elsewhere"), lock("a", "gone")] });
    expect(await runCli(["unlock", "--stack", "a", "--yes"], io, engine)).toBe(0);
    expect(engine.calls.filter((c) => c.kind === "remove-locks")).toEqual([{ kind: "remove-locks", keys: [lock("a", "elsewhere").key, lock("a", "gone").key] }]);
    expect(io.out()).toContain("removed the lock of ci@runner-7 (pid 4242) from stack a\nremoved the lock of ci@runner-7 (pid 4242) from stack a\n");
  });

  it("refuses off a terminal without --yes, removing nothing", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ locks: [lock("a", "elsewhere")] });
    expect(await runCli(["unlock", "--stack", "a"], io, engine)).toBe(1);
    expect(io.err()).toContain("error: cannot unlock stack a: confirmation needed but standard input is not a terminal\n  pass --yes to unlock without a prompt\n");
    expect(engine.calls.filter((c) => c.kind === "remove-locks")).toEqual([]);
  });
});
