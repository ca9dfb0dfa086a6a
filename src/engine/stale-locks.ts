import { rmSync } from "node:fs";
import { fileLocks } from "./stack-locks";

/**
 * Removes the locks of a file backend's stack whose holder is provably gone: written on this
 * host by a process that no longer runs, or empty/garbled (a run killed while writing it). A
 * live run's lock, or one from another host, stays (the stack reports it, `planton unlock`
 * clears it). Returns a line per lock removed, for the run's report.
 */
export function clearStaleLocks(localDir: string, stack: string): string[] {
  return fileLocks(localDir, stack)
    .filter((lock) => lock.status === "gone")
    .map((lock) => {
      rmSync(lock.where, { force: true });
      const who = lock.holder === undefined ? "an unreadable lock file" : `the lock of process ${lock.holder.pid} (${lock.holder.timestamp}), which no longer runs`;
      return `stack ${stack}: removed ${who}, left by a killed run`;
    });
}
