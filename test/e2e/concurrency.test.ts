import { spawn } from "node:child_process";
import { DescribeKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { liveKeys } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { raceOnLock, waitForStderr } from "./support/processes";
import { PLANTON, collect, describeE2e, useSandbox, expectExit, pathWithoutPulumi, type RunResult } from "./support/sandbox";

// Runs that collide: two applies racing on one stack, and an apply interrupted with Ctrl-C.
// Both must leave exactly one live key per manifest and a stack the next apply completes.

jest.setTimeout(240_000);

describeE2e("planton against the sandbox: locks, interruptions, protection, a missing CLI", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;

  beforeAll(() => (kms = sandbox.kms("us-east-1")));

  it("two applies racing on one stack leave one key, and the loser says the stack is locked", async () => {
    const file = sandbox.write("race.yaml", keyManifest({ name: "race" }));
    // The first run holds the lock mid-update while the second one tries.
    const { first, second } = await raceOnLock(sandbox.spawnPlanton(["apply", "-f", file, "--yes"]), () => sandbox.planton(["apply", "-f", file, "--yes"]));
    expectExit(first, 0);
    expectExit(second, 1);
    expect(second.stderr).toMatch(/error: cannot (apply|preview) stack acme-prod-race: another run holds its lock/);
    expect(second.stderr).toContain("`planton unlock --stack acme-prod-race --backend ");
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
