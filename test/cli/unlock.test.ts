import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";

// `planton unlock` on a real file backend (lock files as the engine writes them), through runCli
// with planton's own engine: it reads and removes lock files without loading any @pulumi module.

const STACK = "acme-prod-rds";

function backendWith(locks: Record<string, string>): { url: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), "planton-unlock-"));
  const dir = join(root, ".pulumi", "locks", "organization", "planton", STACK);
  mkdirSync(dir, { recursive: true });
  for (const [id, content] of Object.entries(locks)) writeFileSync(join(dir, `${id}.json`), content);
  return { url: `file://${root}`, dir };
}

const otherHost = JSON.stringify({ pid: 4242, username: "ci", hostname: "runner-7", timestamp: "2026-12-01T12:00:00Z" });

describe("planton unlock", () => {
  it("removes a lock taken on another host once --yes confirms, says what it removed, and loads no @pulumi module", async () => {
    const { url, dir } = backendWith({ a: otherHost });
    const io = memoryIo();
    expect(await runCli(["unlock", "--stack", STACK, "--backend", url, "--yes"], io)).toBe(0);
    expect(io.out()).toBe(
      `stack ${STACK} has 1 lock:\n  ci@runner-7 (pid 4242) since 2026-12-01T12:00:00Z: taken on another host, where planton cannot check whether that run is still active (${join(dir, "a.json")})\n` +
        `removed the lock of ci@runner-7 (pid 4242) from stack ${STACK}\n`,
    );
    expect(io.err()).toContain(`  ok      ${STACK} (state only): removed 1 lock`);
    expect(readdirSync(dir)).toEqual([]);
    expect(Object.keys(require.cache).filter((path) => path.includes("node_modules/@pulumi/"))).toEqual([]);
  });

  it("refuses while the holder still runs on this host, and removes nothing", async () => {
    const { url, dir } = backendWith({ live: JSON.stringify({ pid: process.pid, username: "me", hostname: hostname(), timestamp: "2026-12-01T13:00:00Z" }) });
    const io = memoryIo();
    expect(await runCli(["unlock", "--stack", STACK, "--backend", url, "--yes", "-o", "json"], io)).toBe(1);
    const document = JSON.parse(io.out()) as { ok: boolean; stacks: { locks: { status: string; pid: number }[]; removed: unknown[]; error: string }[] };
    expect(document.ok).toBe(false);
    expect(document.stacks[0]).toMatchObject({ locks: [{ status: "running", pid: process.pid }], removed: [], error: `failed: its lock is held by a run still active on this host (pid ${process.pid})` });
    expect(io.err()).toContain("  wait for that run to finish, or stop it (Ctrl-C, or kill -TERM the pid): it releases its lock itself");
    expect(existsSync(join(dir, "live.json"))).toBe(true);
  });

  it("an empty lock file (a run killed while writing it) is named as unreadable and removed", async () => {
    const { url, dir } = backendWith({ empty: "" });
    const io = memoryIo();
    expect(await runCli(["unlock", "--stack", STACK, "--backend", url, "--yes"], io)).toBe(0);
    expect(io.out()).toContain(`  an unreadable lock file: left by a run killed while writing it (${join(dir, "empty.json")})`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a stack without a lock is left alone", async () => {
    const { url } = backendWith({});
    const io = memoryIo();
    expect(await runCli(["unlock", "--stack", STACK, "--backend", url], io)).toBe(0);
    expect(io.out()).toBe(`stack ${STACK} is not locked\n`);
    expect(io.err()).toContain(`  ok      ${STACK} (state only): not locked`);
  });
});
