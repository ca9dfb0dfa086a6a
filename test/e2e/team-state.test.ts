import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { KMSClient } from "@aws-sdk/client-kms";
import { tempDir } from "../support/temp-dir";
import { liveKeys } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { pulumiChildOf, raceOnLock, signalChild, signalProcess } from "./support/processes";
import { PLANTON, collect, describeE2e, useSandbox, expectExit, filesUnder, s3Objects, type RunResult, type Sandbox } from "./support/sandbox";

// Team state: several "machines" (each its own HOME and PULUMI_HOME, nothing shared on disk) use
// one S3 backend, the sandbox's real object store. Checked against the emulator and the bucket.

jest.setTimeout(300_000);

/** One person's or CI runner's machine: its own home, the team's backend. */
interface Machine {
  readonly home: string;
  readonly env: Record<string, string>;
  readonly spawn: (args: readonly string[]) => ChildProcess;
  readonly planton: (args: readonly string[]) => Promise<RunResult>;
}

function machine(sandbox: Sandbox, backend: string): Machine {
  const home = tempDir("planton-machine");
  const env: Record<string, string> = { ...sandbox.env, HOME: home, PULUMI_HOME: join(home, ".pulumi") };
  // Only --backend names the team's state: were it ignored, the run would land in ~/.planton/state.
  delete env["PULUMI_BACKEND_URL"];
  const spawnOn = (args: readonly string[]): ChildProcess =>
    spawn(PLANTON, [...args, "--backend", backend], { cwd: sandbox.dir, env, stdio: ["pipe", "pipe", "pipe"] });
  return { home, env, spawn: spawnOn, planton: (args) => collect(spawnOn(args)) };
}

/** Pulumi state (stack checkpoints, locks, history) anywhere under a machine's home. */
function localState(m: Machine): string[] {
  return filesUnder(m.home).filter((path) => /\/\.planton\/state\/|\/\.pulumi\/(stacks|locks|history|backups)\//.test(path));
}

/** Resolves once the bucket holds a lock object for the stack. */
async function lockAppears(sandbox: Sandbox, stack: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (s3Objects(sandbox).some((key) => key.startsWith(`.pulumi/locks/organization/planton/${stack}/`))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no lock for ${stack} appeared in the bucket`);
}

/** A 127.0.0.1 port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describeE2e("team state on the sandbox's S3 object store: two machines, one backend", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  let backend: string;
  let a: Machine;
  let b: Machine;

  beforeAll(async () => {
    kms = sandbox.kms("us-east-1");
    backend = sandbox.env["PLANTON_SANDBOX_S3_BACKEND"]!;
    a = machine(sandbox, backend);
    b = machine(sandbox, backend);
  });
  afterEach(() => {
    // Whatever a test did, no machine kept state of its own: it all lives in the bucket.
    expect(localState(a)).toEqual([]);
    expect(localState(b)).toEqual([]);
    expect(existsSync(join(a.home, ".planton", "state"))).toBe(false);
    expect(existsSync(join(b.home, ".planton", "state"))).toBe(false);
    expect(filesUnder(join(sandbox.env["PLANTON_SANDBOX_DIR"]!, "state"))).toEqual([]);
  });

  it("exports a --backend URL of a fresh bucket on a loopback S3 endpoint", () => {
    expect(backend).toMatch(/^s3:\/\/planton-state\?endpoint=127\.0\.0\.1:\d+&disableSSL=true&s3ForcePathStyle=true&region=us-east-1$/);
    expect(s3Objects(sandbox)).toEqual([]);
  });

  it("machine A applies; machine B sees A's stack: no changes to preview, A's outputs", async () => {
    const file = sandbox.write("shared.yaml", keyManifest({ name: "shared" }));
    const applied = await a.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(applied, 0);
    const outputs = JSON.parse(applied.stdout) as { keyId: string; keyArn: string; aliasName: string };
    expect(await liveKeys(kms, "shared")).toEqual([outputs.keyId]);
    expect(s3Objects(sandbox)).toContain(".pulumi/stacks/planton/acme-prod-shared.json");

    expectExit(await b.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    const seen = await b.planton(["outputs", "-f", file, "-o", "json"]);
    expectExit(seen, 0);
    expect(JSON.parse(seen.stdout)).toEqual(JSON.parse(applied.stdout));
    expect(await liveKeys(kms, "shared")).toEqual([outputs.keyId]);
  });

  it("two machines racing to apply one stack leave one key; the loser says who holds the lock, that the run is active, and how to clear a stale one", async () => {
    const file = sandbox.write("race.yaml", keyManifest({ name: "race" }));
    // A holds the lock mid-update while B tries (both "machines" are this host).
    const { first, second } = await raceOnLock(a.spawn(["apply", "-f", file, "--yes"]), () => b.planton(["apply", "-f", file, "--yes"]));
    expectExit(first, 0);
    expectExit(second, 1);
    const errors = second.stderr.split("\n").filter((line) => line.startsWith("error:"));
    expect(errors).toEqual(["error: cannot apply stack acme-prod-race: another run holds its lock"]);
    expect(second.stderr).toMatch(/^warning: stack acme-prod-race is locked by \S+@\S+ \(pid \d+\) since \S+: that run is still active on this host; wait for it to finish$/m);
    expect(second.stderr).toContain(`a lock left by a killed run is cleared with \`planton unlock --stack acme-prod-race --backend '${backend}'\`, which refuses while its run is still active on this host`);
    expect(second.stderr).not.toContain("pulumi cancel");
    expect(second.stderr).not.toMatch(/goroutine|\.go:\d+|\n\s+at /);
    expect(await liveKeys(kms, "race")).toHaveLength(1);
    expectExit(await b.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
  });

  it("planton unlock refuses a lock whose run is still active on this host, and removes nothing", async () => {
    const file = sandbox.write("busy.yaml", keyManifest({ name: "busy" }));
    const { first, second } = await raceOnLock(a.spawn(["apply", "-f", file, "--yes"]), () => b.planton(["unlock", "--stack", "acme-prod-busy", "--yes"]));
    expectExit(second, 1);
    expect(second.stdout).toMatch(/^stack acme-prod-busy has 1 lock:\n {2}\S+@\S+ \(pid \d+\) since \S+: that run is still active on this host \(s3:\/\/planton-state\/\.pulumi\/locks\/organization\/planton\/acme-prod-busy\/[\w-]+\.json\)\n$/);
    expect(second.stderr).toMatch(/^error: cannot unlock stack acme-prod-busy: its lock is held by a run still active on this host \(pid \d+\)$/m);
    // The frozen run kept its lock and finishes as if nothing happened.
    expectExit(first, 0);
    expect(await liveKeys(kms, "busy")).toHaveLength(1);
  });

  it("a lock left by a killed run: preview, outputs and stacks report it; apply names planton unlock, which needs --yes off a terminal, then clears it", async () => {
    const file = sandbox.write("stale.yaml", keyManifest({ name: "stale" }));
    expectExit(await a.planton(["apply", "-f", file, "--yes"]), 0);
    // A crashes (power cut) while its apply of a new description holds the stack's lock: the lock
    // object stays. (A preview takes no lock on this backend; the update does.)
    sandbox.write("stale.yaml", keyManifest({ name: "stale", description: "Rotated RDS key" }));
    const crashing = a.spawn(["apply", "-f", file, "--yes"]);
    const crashed = collect(crashing);
    await lockAppears(sandbox, "acme-prod-stale");
    const engine = pulumiChildOf(crashing.pid!);
    expect(signalProcess(engine, "SIGKILL")).toBe(true);
    signalChild(crashing, "SIGKILL");
    await crashed;
    const locks = (): string[] => s3Objects(sandbox).filter((key) => key.startsWith(".pulumi/locks/"));
    expect(locks()).toHaveLength(1);

    // Commands that never take the lock say who holds it, and go on.
    const warning = new RegExp(
      `^warning: stack acme-prod-stale is locked by \\S+@\\S+ \\(pid ${engine.pid}\\) since \\S+: that process no longer runs; clear the lock with \`planton unlock --stack acme-prod-stale --backend '${backend.replace(/[.?*+^$()[\]\\|{}]/g, "\\$&")}'\`$`,
      "m",
    );
    const preview = await b.planton(["preview", "-f", file]);
    expectExit(preview, 0);
    expect(preview.stderr).toMatch(warning);
    const outputs = await b.planton(["outputs", "-f", file]);
    expectExit(outputs, 0);
    expect(outputs.stderr).toMatch(warning);
    const stacks = await b.planton(["stacks", "-o", "json"]);
    expectExit(stacks, 0);
    expect(stacks.stderr).toMatch(warning);
    const entry = (JSON.parse(stacks.stdout) as { stacks: { stack: string; locks: { pid: number; status: string; where: string; unlockCommand: string }[] }[] }).stacks.find((s) => s.stack === "acme-prod-stale");
    expect(entry?.locks).toEqual([
      expect.objectContaining({ pid: engine.pid, status: "gone", where: `s3://planton-state/${locks()[0]}`, unlockCommand: `planton unlock --stack acme-prod-stale --backend '${backend}'` }),
    ]);

    const blocked = await b.planton(["apply", "-f", file, "--yes"]);
    expectExit(blocked, 1);
    expect(blocked.stderr).toContain("error: cannot apply stack acme-prod-stale: another run holds its lock");
    const command = /a lock left by a killed run is cleared with `([^`]+)`/.exec(blocked.stderr)?.[1];
    expect(command).toBe(`planton unlock --stack acme-prod-stale --backend '${backend}'`);
    // As printed, off a terminal: refused, nothing removed.
    const unconfirmed = spawnSync("sh", ["-c", command!], { env: b.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toContain("error: cannot unlock stack acme-prod-stale: confirmation needed but standard input is not a terminal\n  pass --yes to unlock without a prompt");
    expect(locks()).toHaveLength(1);
    const cleared = spawnSync("sh", ["-c", `${command!} --yes`], { env: b.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(cleared.status).toBe(0);
    expect(cleared.stdout).toMatch(new RegExp(`removed the lock of \\S+@\\S+ \\(pid ${engine.pid}\\) from stack acme-prod-stale\\n$`));
    expect(locks()).toEqual([]);

    expectExit(await b.planton(["apply", "-f", file, "--yes"]), 0);
    expectExit(await b.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    expect(await liveKeys(kms, "stale")).toHaveLength(1);
  });

  it("an unreachable S3 backend fails in one line that names the endpoint, without a Go stack", async () => {
    const file = sandbox.write("unreachable.yaml", keyManifest({ name: "unreachable" }));
    const endpoint = `127.0.0.1:${await closedPort()}`;
    const down = machine(sandbox, `s3://planton-state?endpoint=${endpoint}&disableSSL=true&s3ForcePathStyle=true&region=us-east-1`);
    const run = await down.planton(["preview", "-f", file]);
    expectExit(run, 1);
    const errors = run.stderr.split("\n").filter((line) => line.startsWith("error:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(endpoint);
    expect(run.stderr).not.toMatch(/goroutine|\.go:\d+|panic:|\n\s+at /);
    expect(localState(down)).toEqual([]);
  });
});
