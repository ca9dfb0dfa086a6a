import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileLocks } from "./stack-locks";
import { lockDir } from "./stack-lock";
import { isEngineTempFile } from "./state-files";

/** How old a temporary lock file must be to count as abandoned (writing one takes microseconds). */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Removes the locks of a file backend's stack whose holder is provably gone: written on this
 * host by a process that no longer runs, or empty/garbled (a run killed while writing it), and
 * the temporary file of a lock a killed run was still writing. A live run's lock, or one from
 * another host, stays (the stack reports it, `planton unlock` clears it). Returns a line per lock
 * removed, for the run's report.
 */
export function clearStaleLocks(localDir: string, stack: string, now: number = Date.now()): string[] {
  const removed = fileLocks(localDir, stack)
    .filter((lock) => lock.status === "gone")
    .map((lock) => {
      rmSync(lock.where, { force: true });
      const who = lock.holder === undefined ? "an unreadable lock file" : `the lock of process ${lock.holder.pid} (${lock.holder.timestamp}), which no longer runs`;
      return `stack ${stack}: removed ${who}, left by a killed run`;
    });
  return [...removed, ...clearAbandonedTempFiles(join(localDir, lockDir(stack)), stack, now)];
}

// The engine writes a lock through a temporary file it then renames; a run killed in between
// leaves it, and every later update takes it for a lock it cannot read ("unexpected end of JSON
// input"), while previews say nothing.
function clearAbandonedTempFiles(dir: string, stack: string, now: number): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter(isEngineTempFile);
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    if (now - modifiedAt(join(dir, file)) < ABANDONED_AFTER_MS) return [];
    rmSync(join(dir, file), { force: true });
    return [`stack ${stack}: removed ${file}, a lock file a killed run was still writing`];
  });
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY; // gone meanwhile: nothing to remove
  }
}
