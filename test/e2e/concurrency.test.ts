import { execFileSync, spawn } from "node:child_process";
import { DescribeKeyCommand, ListKeysCommand, ListResourceTagsCommand, type KMSClient } from "@aws-sdk/client-kms";
import { keyManifest } from "./support/manifests";
import { PLANTON, collect, describeE2e, expectExit, pathWithoutPulumi, startSandbox, type RunResult, type Sandbox } from "./support/sandbox";

// Runs that collide: two applies racing on one stack, and an apply interrupted with Ctrl-C.
// Both must leave exactly one live key per manifest and a stack the next apply completes.

jest.setTimeout(240_000);

/** Live (not pending deletion) keys tagged with the manifest name. */
async function liveKeys(kms: KMSClient, name: string): Promise<string[]> {
  const ids = ((await kms.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId!);
  const live: string[] = [];
  for (const id of ids) {
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;
    if (meta.KeyState === "PendingDeletion") continue;
    const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: id }))).Tags ?? [];
    if (tags.some((t) => t.TagKey === "planton:name" && t.TagValue === name)) live.push(id);
  }
  return live;
}

/** The pid of the Pulumi CLI a planton process started. */
function pulumiChildOf(pid: number): number {
  const children = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)], { encoding: "utf8" });
  const line = children.split("\n").find((l) => /\bpulumi$/.test(l.trim()));
  if (line === undefined) throw new Error(`planton ${pid} has no pulumi child:\n${children}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** Resolves when `text` shows up on the child's stderr. */
function waitForStderr(child: ReturnType<Sandbox["spawnPlanton"]>, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = "";
    child.stderr?.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) resolve();
    });
  });
}

describeE2e("planton against the sandbox: locks, interruptions, protection, a missing CLI", () => {
  let sandbox: Sandbox;
  let kms: KMSClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    kms = sandbox.kms("us-east-1");
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("two applies racing on one stack leave one key, and the loser says the stack is locked", async () => {
    const file = sandbox.write("race.yaml", keyManifest({ name: "race" }));
    const first = sandbox.spawnPlanton(["apply", "-f", file, "--yes"]);
    const firstDone = collect(first);
    // Freeze the first run's engine while it holds the lock mid-update, so the race is decided
    // the same way every time; thaw it once the second run has given up.
    await waitForStderr(first, "creating key");
    const engine = pulumiChildOf(first.pid!);
    process.kill(engine, "SIGSTOP");
    let second: RunResult;
    try {
      second = await sandbox.planton(["apply", "-f", file, "--yes"]);
    } finally {
      process.kill(engine, "SIGCONT");
    }
    expectExit(await firstDone, 0);
    expectExit(second, 1);
    expect(second.stderr).toMatch(/error: cannot (apply|preview) stack acme-prod-race: another run holds its lock/);
    expect(second.stderr).toContain("pulumi cancel --yes --stack organization/planton/acme-prod-race");
    expect(await liveKeys(kms, "race")).toHaveLength(1);
    expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
  });

  it("Ctrl-C during apply stops gracefully; the next apply completes with no orphaned key", async () => {
    const file = sandbox.write("interrupted.yaml", keyManifest({ name: "interrupted" }));
    const child = sandbox.spawnPlanton(["apply", "-f", file, "--yes"]);
    const done = collect(child);
    await waitForStderr(child, "creating key");
    child.kill("SIGINT");
    const interrupted: RunResult = await done;
    expect(interrupted.code).not.toBe(0);
    expect(interrupted.stderr).toContain("stopping: waiting for the engine to finish the operations in flight");

    const again = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(again, 0);
    const keyId = (JSON.parse(again.stdout) as { keyId: string }).keyId;
    expect(await liveKeys(kms, "interrupted")).toEqual([keyId]);
    expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
  });

  it("destroy of a key with spec.deletionProtection is refused by the engine, and the key stays", async () => {
    const file = sandbox.write("protected.yaml", `${keyManifest({ name: "protected" })}  deletionProtection: true\n`);
    const apply = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(apply, 0);
    const keyId = (JSON.parse(apply.stdout) as { keyId: string }).keyId;
    const destroy = await sandbox.planton(["destroy", "-f", file, "--yes"]);
    expectExit(destroy, 1);
    expect(destroy.stderr).toContain("error: cannot destroy stack acme-prod-protected: the key is protected by spec.deletionProtection");
    expect(destroy.stderr).toContain("set spec.deletionProtection to false and apply, then destroy");
    expect(destroy.stderr).not.toMatch(/\n\s+at /);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("Enabled");
  });

  it("says the Pulumi CLI cannot be found, with the fix, when it is not on PATH", async () => {
    const file = sandbox.write("nocli.yaml", keyManifest({ name: "nocli" }));
    const env = { ...sandbox.env, PATH: pathWithoutPulumi() };
    const run = await collect(spawn(PLANTON, ["preview", "-f", file], { env }));
    expectExit(run, 1);
    expect(run.stderr).toContain("error: cannot open stack acme-prod-nocli: cannot find the Pulumi CLI\n  install it (curl -fsSL https://get.pulumi.com | sh");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
