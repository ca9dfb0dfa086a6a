import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway directory the engine works in; `remove` deletes it (again is a no-op). */
export interface WorkDir {
  readonly path: string;
  readonly remove: () => void;
}

/** Work directories not removed yet: an exit before their owner closes them removes them here. */
const live = new Set<string>();

process.on("exit", () => live.forEach(removeDir));

/**
 * Makes a `planton-*` directory under the system's temp dir. It is removed by `remove`, or when
 * planton exits, normally or by process.exit (which a SIGINT or SIGTERM leads to: see the CLI's
 * onInterrupt and exitOnSignal); only a SIGKILL leaves it.
 */
export function makeWorkDir(): WorkDir {
  const path = mkdtempSync(join(tmpdir(), "planton-"));
  live.add(path);
  return { path, remove: () => removeDir(path) };
}

function removeDir(path: string): void {
  live.delete(path);
  rmSync(path, { recursive: true, force: true });
}
