import type { StackHandle } from "./open-stack";
import { toPlantonError } from "./to-planton-error";

/**
 * Removes an opened stack and its state from the backend, resources and all (`--force`): only
 * the state goes, never a cloud resource. `planton import` uses it to leave nothing behind when
 * adopting into a new stack failed.
 */
export async function removeStack(handle: StackHandle): Promise<void> {
  try {
    await handle.stack.workspace.removeStack(handle.name, { force: true });
  } catch (err) {
    throw toPlantonError(err, { verb: "remove", stack: handle.name, diagnostics: [], interrupted: false, backendUrl: handle.backendUrl });
  }
}
