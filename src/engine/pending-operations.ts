import type { StackState } from "./engine";
import { localDeployment } from "./local-checkpoint";
import type { StackHandle } from "./open-stack";
import { watchStateWrites } from "./state-writes";
import { toPlantonError } from "./to-planton-error";

/** An operation the engine started and never recorded as finished (the run was killed). */
export interface PendingOperation {
  /** `creating`, `updating`, `deleting`, ... as the state has it. */
  readonly operation: string;
  readonly urn: string;
  /** The resource type token, e.g. `aws:kms/key:Key`. */
  readonly type: string;
  /** The inputs the engine sent with the call. */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** What to do with one pending create: adopt the cloud resource `id`, or drop it (never created). */
export interface PendingCreateResolution {
  readonly urn: string;
  readonly id?: string;
}

type StateResource = { urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
type StateOperation = { type: string; resource: StateResource };
type Deployment = { deployment: { resources?: StateResource[]; pending_operations?: StateOperation[] } };

/**
 * The resources the stack's state records and its pending operations; a local backend's
 * checkpoint file is read directly (every preview and apply asks), others through the engine.
 */
export async function readStackState(handle: StackHandle): Promise<StackState> {
  const local = handle.localDir !== undefined ? (localDeployment(handle.localDir, handle.name) as Deployment | undefined) : undefined;
  const state = local ?? (await exportState(handle));
  const recorded = (state.deployment.resources ?? []).flatMap((r) => (r.id !== undefined && r.id !== "" ? [{ type: r.type, id: r.id }] : []));
  const pending = (state.deployment.pending_operations ?? []).map((op) => ({
    operation: op.type,
    urn: op.resource.urn,
    type: op.resource.type,
    inputs: op.resource.inputs ?? {},
  }));
  return { recorded, pending };
}

/**
 * Resolves pending creates in the state: an adopted one becomes a resource with the cloud id
 * (a refresh afterwards reads its outputs from the cloud), a dropped one is removed. Other
 * pending operations (updates, deletes of recorded resources) are left to the engine, which
 * discards them on the next update.
 */
export async function resolvePendingCreates(handle: StackHandle, resolutions: readonly PendingCreateResolution[]): Promise<void> {
  const state = await exportState(handle);
  const byUrn = new Map(resolutions.map((r) => [r.urn, r]));
  const pending = state.deployment.pending_operations ?? [];
  const adopted = pending.filter((op) => op.type === "creating" && byUrn.get(op.resource.urn)?.id !== undefined);
  state.deployment.resources = [
    ...(state.deployment.resources ?? []),
    ...adopted.map((op) => ({ ...op.resource, id: byUrn.get(op.resource.urn)!.id!, outputs: { ...(op.resource.inputs ?? {}) } })),
  ];
  state.deployment.pending_operations = pending.filter((op) => op.type !== "creating" || !byUrn.has(op.resource.urn));
  const writes = handle.localDir !== undefined ? watchStateWrites(handle.localDir, handle.name) : undefined;
  try {
    await handle.stack.importStack(state as never);
  } catch (err) {
    // Resolving is the first write of an apply: a live run's lock makes the apply fail as such.
    throw toPlantonError(err, { verb: "apply", stack: handle.name, diagnostics: [], interrupted: false, backendUrl: handle.backendUrl, repaired: writes?.repair() ?? [] });
  } finally {
    writes?.close();
  }
}

async function exportState(handle: StackHandle): Promise<Deployment> {
  try {
    return (await handle.stack.exportStack()) as unknown as Deployment;
  } catch (err) {
    throw toPlantonError(err, { verb: "read the state of", stack: handle.name, diagnostics: [], interrupted: false, backendUrl: handle.backendUrl });
  }
}
