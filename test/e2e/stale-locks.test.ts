import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { KMSClient } from "@aws-sdk/client-kms";
import { liveKeys } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { signalChild } from "./support/processes";
import { describeE2e, useSandbox, expectExit } from "./support/sandbox";
import { runAtTerminal } from "./support/terminal";

// Stale locks on the sandbox's file backend, through bin/planton: a lock taken on another machine
// (a state directory shared over NFS, a CI runner's), and one whose holder still runs here. Every
// command that reads the stack says who holds it; `planton unlock` clears it safely.

jest.setTimeout(300_000);

const NAME = "locked";
const STACK = `acme-prod-${NAME}`;
const OTHER_HOST = { pid: 4242, username: "ci", hostname: "runner-7", timestamp: "2026-12-01T12:00:00Z" };

describeE2e("stale locks on the file backend: reported by every command that reads the stack, cleared by planton unlock", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  let file: string;
  let backendUrl: string;
  let lockDir: string;

  /** Writes a lock file as the engine does, held by `holder`; returns its path. */
  const writeLock = (id: string, holder: object): string => {
    mkdirSync(lockDir, { recursive: true });
    const path = join(lockDir, `${id}.json`);
    writeFileSync(path, JSON.stringify(holder));
    return path;
  };
  const locks = (): string[] => (existsSync(lockDir) ? readdirSync(lockDir) : []);

  beforeAll(async () => {
    kms = sandbox.kms("us-east-1");
    backendUrl = sandbox.env["PULUMI_BACKEND_URL"]!;
    lockDir = join(new URL(backendUrl).pathname, ".pulumi", "locks", "organization", "planton", STACK);
    file = sandbox.write(`${NAME}.yaml`, keyManifest({ name: NAME }));
    expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
  });

  it("a lock from another machine: preview (exit 0), outputs and stacks print who holds it and the unlock command; JSON has it per stack", async () => {
    const path = writeLock("other-host", OTHER_HOST);
    const warning = `warning: stack ${STACK} is locked by ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: if that run is no longer active, clear the lock with \`planton unlock --stack ${STACK} --backend ${backendUrl}\``;

    const preview = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(preview, 0);
    expect(preview.stderr.split("\n")).toContain(warning);
    expect(preview.stdout).toContain("No changes.");
    const outputs = await sandbox.planton(["outputs", "-f", file]);
    expectExit(outputs, 0);
    expect(outputs.stderr.split("\n")).toContain(warning);
    const stacks = await sandbox.planton(["stacks"]);
    expectExit(stacks, 0);
    expect(stacks.stderr.split("\n")).toContain(warning);

    const json = await sandbox.planton(["preview", "-f", file, "-o", "json"]);
    expectExit(json, 0);
    const document = JSON.parse(json.stdout) as { formatVersion: string; stacks: { locks: unknown[] }[] };
    expect(document.formatVersion).toBe("2.1");
    expect(document.stacks[0]!.locks).toEqual([
      { where: path, username: "ci", hostname: "runner-7", pid: 4242, since: "2026-12-01T12:00:00Z", status: "elsewhere", unlockCommand: `planton unlock --stack ${STACK} --backend ${backendUrl}` },
    ]);
    // A real change is what the lock blocks.
    sandbox.write(`${NAME}.yaml`, keyManifest({ name: NAME, description: "Rotated RDS key" }));
    const blocked = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(blocked, 1);
    expect(blocked.stderr).toContain(`error: cannot apply stack ${STACK}: another run holds its lock`);
    expect(blocked.stderr).toContain(`cleared with \`planton unlock --stack ${STACK} --backend ${backendUrl}\``);
    expect(locks()).toEqual(["other-host.json"]);
  });

  it("unlock off a terminal without --yes is refused and removes nothing, in JSON too", async () => {
    const run = await sandbox.planton(["unlock", "--stack", STACK]);
    expectExit(run, 1);
    expect(run.stdout).toBe(
      `stack ${STACK} has 1 lock:\n  ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: taken on another host, where planton cannot check whether that run is still active (${join(lockDir, "other-host.json")})\n`,
    );
    expect(run.stderr).toContain(`error: cannot unlock stack ${STACK}: confirmation needed but standard input is not a terminal\n  pass --yes to unlock without a prompt`);
    const json = await sandbox.planton(["unlock", "--stack", STACK, "-o", "json"]);
    expectExit(json, 1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      formatVersion: "2.1",
      ok: false,
      stacks: [{ stack: STACK, locks: [{ pid: 4242, status: "elsewhere" }], removed: [], error: "failed: confirmation needed but standard input is not a terminal" }],
    });
    expect(locks()).toEqual(["other-host.json"]);
  });

  it("unlock at a terminal lists the lock and asks: 'no' keeps it, 'yes' removes it and says so", async () => {
    const declined = await runAtTerminal(sandbox, ["unlock", "-f", file], { keys: "no\r" });
    expect(declined.asked).toBe(true);
    expect(declined.code).toBe(1);
    expect(declined.output).toContain(`Remove the lock(s) listed above from stack ${STACK}? Only do this when no run on that stack is active.`);
    expect(declined.output).toContain(`error: cannot unlock stack ${STACK}: not confirmed (only 'yes' approves); the state was left as it was`);
    expect(locks()).toEqual(["other-host.json"]);

    const confirmed = await runAtTerminal(sandbox, ["unlock", "-f", file], { keys: "yes\r" });
    expect(confirmed.asked).toBe(true);
    expect(confirmed.code).toBe(0);
    expect(confirmed.output).toContain(`ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: taken on another host`);
    expect(confirmed.output).toContain(`removed the lock of ci@runner-7 (pid 4242) from stack ${STACK}`);
    expect(locks()).toEqual([]);

    // The blocked change now goes through, on the same key.
    const applied = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(applied, 0);
    expect(await liveKeys(kms, NAME)).toEqual([(JSON.parse(applied.stdout) as { keyId: string }).keyId]);
    expect((await sandbox.planton(["unlock", "--stack", STACK])).stdout).toBe(`stack ${STACK} is not locked\n`);
  });

  it("a lock whose holder still runs on this host: preview says wait, unlock --yes refuses; once it is gone the next command clears it", async () => {
    const holder = spawn("sleep", ["120"], { stdio: "ignore" });
    try {
      writeLock("live", { pid: holder.pid, username: "root", hostname: hostname(), timestamp: "2026-12-01T13:00:00Z" });
      const preview = await sandbox.planton(["preview", "-f", file]);
      expectExit(preview, 0);
      expect(preview.stderr).toContain(`warning: stack ${STACK} is locked by root@${hostname()} (pid ${holder.pid}) since 2026-12-01T13:00:00Z: that run is still active on this host; wait for it to finish`);
      const refused = await sandbox.planton(["unlock", "--stack", STACK, "--yes"]);
      expectExit(refused, 1);
      expect(refused.stderr).toContain(`error: cannot unlock stack ${STACK}: its lock is held by a run still active on this host (pid ${holder.pid})`);
      expect(locks()).toEqual(["live.json"]);
    } finally {
      const gone = new Promise((resolve) => holder.on("exit", resolve));
      signalChild(holder, "SIGKILL");
      await gone;
    }
    // Its holder provably gone, the lock goes as the stack is opened, and the run says so.
    const preview = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(preview, 0);
    expect(preview.stderr).toContain(`stack ${STACK}: removed the lock of process ${holder.pid} (2026-12-01T13:00:00Z), which no longer runs, left by a killed run`);
    expect(preview.stderr).not.toContain("is locked by");
    expect(locks()).toEqual([]);
  });

  it("the temporary file of a lock a killed run was still writing: the next run removes it and applies, instead of failing on every update", async () => {
    mkdirSync(lockDir, { recursive: true });
    const leftover = join(lockDir, "0123abcd.json.5f3a9c.tmp");
    writeFileSync(leftover, "");
    const tenMinutesAgo = new Date(Date.now() - 600_000);
    utimesSync(leftover, tenMinutesAgo, tenMinutesAgo);
    sandbox.write(`${NAME}.yaml`, keyManifest({ name: NAME, description: "Rotated after a killed run" }));
    const apply = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(apply, 0);
    expect(apply.stderr).toContain(`stack ${STACK}: removed 0123abcd.json.5f3a9c.tmp, a lock file a killed run was still writing`);
    expect(locks()).toEqual([]);
    expect(await liveKeys(kms, NAME)).toHaveLength(1);
  });
});
