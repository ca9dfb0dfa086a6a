import { createHash } from "node:crypto";
import { readCheckpointFile } from "./local-checkpoint";
import type { StackHandle } from "./open-stack";
import { toPlantonError } from "./to-planton-error";

/**
 * A fingerprint of the stack's state: the SHA-256 of the deployment the backend exports. Every
 * update, refresh or destroy writes a new deployment (its manifest carries the write's time), a
 * preview writes none, so two equal stamps mean nothing landed in between. Secrets in the
 * deployment are ciphertext, and only their hash leaves here. A local backend's state file is
 * hashed as it is, which spares an engine run (the stamp is read on every apply).
 */
export async function stateStamp(handle: StackHandle): Promise<string> {
  const file = handle.localDir !== undefined ? readCheckpointFile(handle.localDir, handle.name) : undefined;
  if (file !== undefined) return `sha256:file:${createHash("sha256").update(file.bytes).digest("hex")}`;
  try {
    const exported = await handle.stack.exportStack();
    return `sha256:${createHash("sha256").update(JSON.stringify(exported.deployment ?? null)).digest("hex")}`;
  } catch (err) {
    throw toPlantonError(err, { verb: "read the state of", stack: handle.name, diagnostics: [], interrupted: false, backendUrl: handle.backendUrl });
  }
}

/** How many updates back a saved plan's apply is looked for. */
const HISTORY_DEPTH = 20;

/** The messages of the stack's last updates, newest first. */
export async function updateMessages(handle: StackHandle): Promise<string[]> {
  try {
    return (await handle.stack.history(HISTORY_DEPTH)).map((entry) => entry.message ?? "");
  } catch (err) {
    throw toPlantonError(err, { verb: "read the history of", stack: handle.name, diagnostics: [], interrupted: false, backendUrl: handle.backendUrl });
  }
}
