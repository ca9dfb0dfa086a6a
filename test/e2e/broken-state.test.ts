import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { liveKeys } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { collect, describeE2e, useSandbox, expectExit, filesUnder, startSandbox, type RunResult } from "./support/sandbox";

// Broken state through bin/planton in the sandbox, file backend: a truncated or garbled state
// file (the restore command the message gives is run as printed), a read-only state directory
// and a full disk (a small tmpfs as --backend: root ignores chmod), and a disk that fills while
// the key is being created. After each, once the cause is fixed, the next run succeeds with
// exactly one live key for the manifest, and nothing (lock, temp file, empty state) is left behind.

jest.setTimeout(600_000);

const mounts: string[] = [];

/** Why a tmpfs cannot be mounted here, or undefined when it can. */
function cannotMount(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "planton-mount-probe-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { encoding: "utf8" });
  if (mounted.status !== 0) return `cannot mount a tmpfs (${(mounted.stderr || mounted.error?.message || "").trim()}); run as root where mount is permitted`;
  spawnSync("umount", [dir]);
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

/** A fresh small tmpfs to use as the --backend directory; unmounted in afterAll. */
function tmpfs(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), "planton-tmpfs-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { encoding: "utf8" });
  if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
  mounts.push(dir);
  return dir;
}

function remount(dir: string, mode: "ro" | "rw"): void {
  const done = spawnSync("mount", ["-o", `remount,${mode}`, dir], { encoding: "utf8" });
  if (done.status !== 0) throw new Error(`remount ${mode} failed: ${done.stderr}`);
}

/** Fills the file system of `dir` to the last byte (dd stops at ENOSPC). */
function fill(dir: string): void {
  for (const [file, bs] of [["fill-a", "64k"], ["fill-b", "4k"], ["fill-c", "1"]] as const) spawnSync("dd", ["if=/dev/zero", `of=${join(dir, file)}`, `bs=${bs}`], { stdio: "ignore" });
}

function unfill(dir: string): void {
  for (const file of ["fill-a", "fill-b", "fill-c"]) rmSync(join(dir, file), { force: true });
}

const stateFile = (backend: string, stack: string): string => join(backend, ".pulumi", "stacks", "planton", `${stack}.json`);

/** What a failed write could leave that blocks the next run: locks, temp files, an unreadable state. */
function leftovers(backend: string, stack: string): string[] {
  const locks = filesUnder(join(backend, ".pulumi", "locks"));
  const temps = filesUnder(join(backend, ".pulumi")).filter((f) => /\.tmp$|\.planton-(kept|restore)$/.test(f));
  let state: string[] = [];
  try {
    JSON.parse(readFileSync(stateFile(backend, stack), "utf8"));
  } catch (err) {
    state = [`${stateFile(backend, stack)}: ${String(err)}`];
  }
  return [...locks, ...temps, ...state];
}

/** The error line and its hint lines from stderr (the text a person reads). */
function errorOf(run: RunResult): string {
  return run.stderr.slice(run.stderr.indexOf("error: ")).split("\n\n")[0]!;
}

describeE2e("broken state: one line with the cause, the backups, nothing left that blocks the next run", () => {
  const sandbox = useSandbox();
  afterAll(() => {
    for (const dir of mounts.splice(0)) spawnSync("umount", ["-l", dir]);
  });

  /** A key applied twice (so the backend has backups) into a backend directory of its own. */
  async function appliedTwice(name: string, backend: string): Promise<{ file: string; keyId: string }> {
    const file = sandbox.write(`${name}.yaml`, keyManifest({ name }));
    expectExit(await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "--set", "spec.description=first"]), 0);
    const second = await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "-o", "json"]);
    expectExit(second, 0);
    return { file, keyId: (JSON.parse(second.stdout) as { keyId: string }).keyId };
  }

  it.each([
    ["truncated", "trunc", (path: string) => truncateSync(path, 200), "truncated: its JSON ends early"],
    ["garbage", "garbage", (path: string) => writeFileSync(path, "garbage\n\u0000\u0001"), "not valid JSON"],
  ])("a %s state file: every command says so in one line with the newest backup; the restore command it prints works", async (_what, name, damage, words) => {
    const backend = join(sandbox.dir, `state-${name}`);
    const stack = `acme-prod-${name}`;
    const { file, keyId } = await appliedTwice(name, backend);
    const state = stateFile(backend, stack);
    damage(state);
    const damaged = `its state file ${state} is damaged (${words})`;
    for (const [args, head] of [
      [["preview", "-f", file], `cannot preview stack ${stack}`],
      [["apply", "-f", file, "--yes"], `cannot apply stack ${stack}`],
      [["destroy", "-f", file, "--yes"], `cannot destroy stack ${stack}`],
      [["refresh", "-f", file, "--yes"], `cannot refresh stack ${stack}`],
      [["outputs", "-f", file], `cannot read the outputs of stack ${stack}`],
      [["stacks"], `cannot list the stacks in file://${backend}: stack ${stack} cannot be read`],
    ] as const) {
      const run = await sandbox.planton([...args, "--backend", backend]);
      expectExit(run, 1);
      expect(run.stderr).toContain(`error: ${head}: ${damaged}\n`);
      expect(run.stderr).not.toMatch(/place 1|unexpected end of JSON input|invalid character|\n\s+at /);
    }
    const json = await sandbox.planton(["preview", "-f", file, "--backend", backend, "-o", "json"]);
    expectExit(json, 1);
    expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: "2.1", ok: false, stacks: [{ stack, error: `failed: ${damaged}` }] });

    const run = await sandbox.planton(["preview", "-f", file, "--backend", backend]);
    const backup = /the newest readable backup is (\S+) \(written [^)]+\); restore it, keeping the damaged file beside it, then run `planton preview`:\n {4}(.+)/.exec(errorOf(run));
    expect(backup?.[1]).toMatch(new RegExp(`^${backend}/\\.pulumi/backups/planton/${stack}/${stack}\\.\\d+\\.json$`));
    // The command as printed, in a shell, as a person pastes it.
    const restored = spawnSync("sh", ["-c", backup![2]!], { encoding: "utf8" });
    expect(restored.status).toBe(0);
    expect(readFileSync(`${state}.damaged`).length).toBeGreaterThan(0);
    expectExit(await sandbox.planton(["preview", "-f", file, "--backend", backend, "--detailed-exitcode"]), 0);
    expect(await liveKeys(sandbox.kms("us-east-1"), name)).toEqual([keyId]);
  });

  const mountProblem = process.getuid?.() === 0 ? cannotMount() : "not root: cannot mount a tmpfs";
  if (mountProblem !== undefined) process.stderr.write(`e2e skipped (read-only and full state directories): ${mountProblem}\n`);
  const withMount = mountProblem === undefined ? describe : describe.skip;

  withMount("on a tmpfs as the state directory", () => {
    it("a read-only state directory: apply, destroy and -o json say so; nothing is left; once writable, the apply goes through with one key", async () => {
      const backend = tmpfs("4m");
      const name = "readonly";
      const stack = `acme-prod-${name}`;
      const { file, keyId } = await appliedTwice(name, backend);
      remount(backend, "ro");
      const apply = await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "--set", "spec.description=changed"]);
      expectExit(apply, 1);
      expect(errorOf(apply)).toBe(
        `error: cannot apply stack ${stack}: the state directory ${backend} is read-only\n` +
          "  make it writable (remount the file system read-write, or pass --backend with a writable directory) and run the command again",
      );
      expect(apply.stderr).not.toContain("errors occurred");
      const destroy = await sandbox.planton(["destroy", "-f", file, "--yes", "--backend", backend]);
      expectExit(destroy, 1);
      expect(destroy.stderr).toContain(`error: cannot destroy stack ${stack}: the state directory ${backend} is read-only\n`);
      const json = await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "--set", "spec.description=changed", "-o", "json"]);
      expectExit(json, 1);
      expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: "2.1", ok: false, stacks: [{ stack, error: `failed: the state directory ${backend} is read-only` }] });
      remount(backend, "rw");
      expect(leftovers(backend, stack)).toEqual([]);
      expectExit(await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "--set", "spec.description=changed"]), 0);
      expect(await liveKeys(sandbox.kms("us-east-1"), name)).toEqual([keyId]);
    });

    it("a full disk: apply and -o json say so; no lock or temp file is left; once there is room, the apply goes through with one key", async () => {
      const backend = tmpfs("4m");
      const name = "full";
      const stack = `acme-prod-${name}`;
      const { file, keyId } = await appliedTwice(name, backend);
      fill(backend);
      const apply = await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "--set", "spec.description=changed"]);
      expectExit(apply, 1);
      expect(apply.stderr).toContain(
        `error: cannot apply stack ${stack}: no space left on the device of the state directory ${backend}\n` +
          `  free some space there (\`df -h ${backend}\`) and run the command again\n`,
      );
      expect(apply.stderr).not.toContain("errors occurred");
      const json = await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "--set", "spec.description=changed", "-o", "json"]);
      expectExit(json, 1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, stacks: [{ stack, error: `failed: no space left on the device of the state directory ${backend}` }] });
      expect(leftovers(backend, stack)).toEqual([]);
      // A saved plan written onto the full disk: refused, and no empty or half-written plan file.
      const planFile = join(backend, "plan.json");
      const saved = await sandbox.planton(["preview", "-f", file, "--backend", backend, "--set", "spec.description=changed", "--out", planFile]);
      expectExit(saved, 1);
      expect(saved.stderr).toContain(`error: cannot write plan ${planFile}: no space left on the device; nothing was written\n`);
      expect(filesUnder(backend).filter((f) => f.startsWith(planFile))).toEqual([]);
      unfill(backend);
      expectExit(await sandbox.planton(["apply", "-f", file, "--yes", "--backend", backend, "--set", "spec.description=changed"]), 0);
      expect(await liveKeys(sandbox.kms("us-east-1"), name)).toEqual([keyId]);
    });
  });

  // A disk that fills while KMS creates the key (answers 400 ms late, so the fill lands in between).
  (mountProblem === undefined ? it : it.skip)("the disk fills after the key was created: the message says the state could not record it, and the next apply adopts that key", async () => {
    const slow = await startSandbox({ env: { PLANTON_SANDBOX_KMS_LATENCY_MS: "400" } });
    try {
      const backend = tmpfs("4m");
      mkdirSync(join(backend, ".pulumi"), { recursive: true });
      const name = "midway";
      const stack = `acme-prod-${name}`;
      const file = slow.write(`${name}.yaml`, keyManifest({ name }));
      const child = slow.spawnPlanton(["apply", "-f", file, "--yes", "--backend", backend]);
      const done = collect(child);
      await new Promise<void>((resolve) => {
        let seen = "";
        child.stderr?.on("data", (d: Buffer) => {
          seen += d.toString();
          if (seen.includes("creating key")) resolve();
        });
      });
      fill(backend);
      const failed = await done;
      expectExit(failed, 1);
      expect(failed.stderr).toContain(`error: cannot apply stack ${stack}: no space left on the device of the state directory ${backend}\n`);
      const created = /created in KMS, but the state could not record it: key \(aws:kms\/key:Key, ([0-9a-f-]{36})\); the state holds it as a pending create, so once the cause is fixed the next `planton apply` adopts it \(it carries the manifest's identity tags\) instead of creating it again/.exec(failed.stderr);
      expect(created).not.toBeNull();
      const keyId = created![1]!;
      unfill(backend);
      expect(leftovers(backend, stack)).toEqual([]);
      const again = await slow.planton(["apply", "-f", file, "--yes", "--backend", backend, "-o", "json"]);
      expectExit(again, 0);
      expect(again.stderr).toContain(`stack ${stack}: adopted ${keyId}, created by an interrupted run, into the state`);
      expect((JSON.parse(again.stdout) as { keyId: string }).keyId).toBe(keyId);
      expect(await liveKeys(slow.kms("us-east-1"), name)).toEqual([keyId]);
      expectExit(await slow.planton(["preview", "-f", file, "--backend", backend, "--detailed-exitcode"]), 0);
    } finally {
      await slow.close();
    }
  });
});
