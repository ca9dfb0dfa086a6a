import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { stateFilePath } from "./state-files";

/** A stack's checkpoint file in a local (file://) backend, as stored. */
export interface CheckpointFile {
  readonly bytes: Buffer;
  readonly gzipped: boolean;
}

/**
 * The stack's checkpoint in a local backend (plain or gzipped); undefined when absent (another
 * layout: the caller asks the engine). The engine replaces the file whole on every write, so a
 * read sees one state or the next, never half of one.
 */
export function readCheckpointFile(localDir: string, stack: string): CheckpointFile | undefined {
  const path = stateFilePath(localDir, stack);
  try {
    return { bytes: readFileSync(path), gzipped: path.endsWith(".gz") };
  } catch {
    return undefined;
  }
}

/**
 * The stack's latest deployment read straight from a local backend's checkpoint file, in the
 * shape `pulumi stack export` gives it (`{version, deployment}`), sparing a CLI run. Undefined
 * when the file is absent or not the version-3 checkpoint planton knows: then ask the engine.
 * Secret values stay ciphertext, as they are in the file.
 */
export function localDeployment(localDir: string, stack: string): { version: 3; deployment: Record<string, unknown> } | undefined {
  const file = readCheckpointFile(localDir, stack);
  if (file === undefined) return undefined;
  try {
    const text = (file.gzipped ? gunzipSync(file.bytes) : file.bytes).toString("utf8");
    const parsed = JSON.parse(text) as { version?: unknown; checkpoint?: { latest?: Record<string, unknown> | null } };
    if (parsed.version !== 3 || typeof parsed.checkpoint !== "object" || parsed.checkpoint === null) return undefined;
    // A stack created and never updated has no latest deployment yet: it holds nothing.
    return { version: 3, deployment: parsed.checkpoint.latest ?? {} };
  } catch {
    return undefined;
  }
}
