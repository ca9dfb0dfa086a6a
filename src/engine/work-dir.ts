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

// A signal that nobody else handles (no run is open to stop gracefully, e.g. `planton stacks`)
// would kill the process without its exit hooks: exit as the signal would, through them.
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) process.exit(code);
  });
}

/**
 * Makes a `planton-*` directory under the system's temp dir. It is removed by `remove`, or when
 * planton exits (normally, by process.exit, or on SIGINT/SIGTERM); only a SIGKILL leaves it.
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
