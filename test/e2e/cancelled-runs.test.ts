import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { KMSClient } from "@aws-sdk/client-kms";
import { liveKeys } from "./support/live-keys";
import { findPulumiChild, processesWithEnv, signalChild, signalProcess } from "./support/processes";
import { keyManifest } from "./support/manifests";
import { PLANTON, collect, describeE2e, useSandbox, expectExit, type Sandbox } from "./support/sandbox";

// Cancelled CI jobs and hard kills, through bin/planton as installed: a SIGTERM to the whole
// process group (as CI runners send it) at several moments, and a SIGKILL of planton and its
// engine mid-create. After each, the next apply must leave exactly one live key for the manifest.

jest.setTimeout(600_000);

/** planton in a process group of its own, as a CI job's shell runs it. */
function spawnGroup(sandbox: Sandbox, args: readonly string[]): ChildProcess {
  return spawn(PLANTON, args, { cwd: sandbox.dir, env: sandbox.env, stdio: ["pipe", "pipe", "pipe"], detached: true });
}

function untilStderr(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = "";
    child.stderr?.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) resolve();
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describeE2e("cancelled and killed runs leave one key per manifest", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  beforeAll(() => (kms = sandbox.kms("us-east-1")));

  it.each([0, 1000])("SIGTERM to the process group %i ms into creating the key: graceful stop, truthful state, one key after the next apply", async (delay) => {
    for (let round = 0; round < 2; round++) {
      const name = `term-${delay}-${round}`;
      const file = sandbox.write(`${name}.yaml`, keyManifest({ name }));
      const child = spawnGroup(sandbox, ["apply", "-f", file, "--yes"]);
      const done = collect(child);
      await untilStderr(child, "creating key");
      await sleep(delay);
      expect(signalChild(child, "SIGTERM", { group: true })).toBe(true);
      const stopped = await done;
      expect(stopped.stderr).toContain("stopping: waiting for the engine to finish the operations in flight (send SIGTERM again to abort now)");
      expect(stopped.stderr).not.toMatch(/\n\s+at /);
      // Either the engine finished the calls in flight (and maybe the whole update), or it says what did not finish.
      if (stopped.code !== 0) expect(stopped.stderr).toMatch(/interrupted; (the operations in flight finished and the state records them|\d+ operation\(s\) did not finish)/);
      const again = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
      expectExit(again, 0);
      expect(await liveKeys(kms, name)).toEqual([(JSON.parse(again.stdout) as { keyId: string }).keyId]);
      expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    }
  });

  it.each([0, 300])("SIGKILL of planton and its engine %i ms into creating the key: the next apply adopts or drops the pending create and clears the lock", async (delay) => {
    for (let round = 0; round < 2; round++) {
      const name = `kill-${delay}-${round}`;
      const file = sandbox.write(`${name}.yaml`, keyManifest({ name }));
      const child = spawnGroup(sandbox, ["apply", "-f", file, "--yes"]);
      const done = collect(child);
      await untilStderr(child, "creating key");
      await sleep(delay);
      // The run may have ended by now; then there is no engine left to kill. A pid found earlier
      // is signalled only while it still names that engine (pids wrap).
      const engine = findPulumiChild(child.pid!);
      if (engine !== undefined) signalProcess(engine, "SIGKILL", { group: true });
      signalChild(child, "SIGKILL", { group: true });
      await done;
      const again = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
      expectExit(again, 0);
      expect(again.stderr).not.toContain("another run holds its lock");
      expect(await liveKeys(kms, name)).toEqual([(JSON.parse(again.stdout) as { keyId: string }).keyId]);
      expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    }
  });

  it("a deleted state file: apply refuses to create a second key for the manifest", async () => {
    const file = sandbox.write("lost.yaml", keyManifest({ name: "lost" }));
    const first = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(first, 0);
    const keyId = (JSON.parse(first.stdout) as { keyId: string }).keyId;
    const stateDir = join(new URL(sandbox.env["PULUMI_BACKEND_URL"]!).pathname, ".pulumi", "stacks", "planton");
    for (const f of readdirSync(stateDir).filter((f) => f.startsWith("acme-prod-lost."))) rmSync(join(stateDir, f));
    const again = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(again, 1);
    expect(again.stderr).toContain(`error: cannot create the key of stack acme-prod-lost: us-east-1 already has a live key with this manifest's identity tags that the stack does not record (${keyId})`);
    expect(await liveKeys(kms, "lost")).toEqual([keyId]);
  });

  it("stdout that cannot be written (/dev/full) after a successful deploy: exit 1, quietly, the key deployed, no child process left running", async () => {
    const file = sandbox.write("full.yaml", keyManifest({ name: "full" }));
    // Every process the run starts (the Pulumi CLI, the provider plugins) inherits this variable,
    // wherever it is reparented to once planton exits.
    const marker = `PLANTON_TEST_RUN=dev-full-${process.pid}-${Date.now()}`;
    const full = openSync("/dev/full", "w");
    try {
      const env = { ...sandbox.env, PLANTON_TEST_RUN: marker.slice("PLANTON_TEST_RUN=".length) };
      const child = spawn(PLANTON, ["apply", "-f", file, "--yes"], { cwd: sandbox.dir, env, stdio: ["pipe", full, "pipe"] });
      // While it runs, the marker finds its children: the check below can see what it looks for.
      const seen = new Set<string>();
      const watch = setInterval(() => processesWithEnv(marker).forEach((p) => seen.add(p.replace(/^\d+ /, ""))), 200);
      const run = await collect(child).finally(() => clearInterval(watch));
      // The test provider plugin runs as `node .../test/provider/dist/main.js` (its launcher execs node).
      expect([...seen].some((command) => /test\/provider\/dist\/main\.js/.test(command))).toBe(true);
      expect([...seen].some((command) => /^\S*pulumi (preview|up)\b/.test(command))).toBe(true);
      expectExit(run, 1);
      expect(run.stderr).toContain("ok      acme-prod-full");
      expect(run.stderr).not.toMatch(/ENOSPC|\n\s+at /);
    } finally {
      closeSync(full);
    }
    // The run is over: what planton stopped on its way out may take a moment to be gone, no more.
    let left = processesWithEnv(marker);
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await sleep(100);
      left = processesWithEnv(marker);
    }
    expect(left).toEqual([]);
    expect(await liveKeys(kms, "full")).toHaveLength(1);
  });
});
