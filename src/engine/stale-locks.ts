import { readdirSync, readFileSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { PROJECT_NAME } from "./project-name";

/**
 * Removes the locks of a file backend's stack whose holder is provably gone: written on this
 * host by a process that no longer runs, or empty/garbled (a run killed while writing it). A
 * live run's lock, or one from another host, stays (the engine reports it as held). Returns a
 * line per lock removed, for the run's report.
 */
export function clearStaleLocks(localDir: string, stack: string): string[] {
  const dir = join(localDir, ".pulumi", "locks", "organization", PROJECT_NAME, stack);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const file of files) {
    const holder = readHolder(join(dir, file));
    if (holder !== undefined && (holder.hostname !== hostname() || isRunning(holder.pid))) continue;
    rmSync(join(dir, file), { force: true });
    const who = holder === undefined ? "an unreadable lock file" : `the lock of process ${holder.pid} (${holder.timestamp}), which no longer runs`;
    removed.push(`stack ${stack}: removed ${who}, left by a killed run`);
  }
  return removed;
}

function readHolder(path: string): { pid: number; hostname: string; timestamp: string } | undefined {
  try {
    const content = JSON.parse(readFileSync(path, "utf8")) as { pid?: unknown; hostname?: unknown; timestamp?: unknown };
    if (typeof content.pid !== "number" || typeof content.hostname !== "string") return undefined;
    return { pid: content.pid, hostname: content.hostname, timestamp: String(content.timestamp ?? "") };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  // A killed process nobody has reaped yet (a container's init may never) is gone all the same.
  try {
    if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"))) return false;
  } catch {
    // no /proc entry: not running (or not Linux; the signal check below decides)
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
