import { NoStackError, openStack, type StackHandle } from "../engine/open-stack";
import type { StackTarget } from "./resolve-stack-options";

/**
 * Opens the manifest's stack without creating it (destroy, refresh and outputs never create
 * one); undefined when it does not exist. The program is not needed: these operations work
 * from the stack's state.
 */
export async function openExistingStack(target: StackTarget): Promise<StackHandle | undefined> {
  try {
    return await openStack({ stack: target.stack, backend: target.backend, envVars: target.envVars, mode: "select" });
  } catch (err) {
    if (err instanceof NoStackError) return undefined;
    throw err;
  }
}
