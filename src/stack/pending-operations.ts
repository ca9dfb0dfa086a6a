import { PlantonError } from "../core/planton-error";
import type { EngineStack, StackState } from "../engine/engine";
import type { IdentityKey } from "../engine/identity-keys";
import type { PendingCreateResolution, PendingOperation } from "../engine/pending-operations";
import type { Plan } from "../plan/plan";
import { ALIAS_TYPE, KEY_TYPE, REPLICA_KEY_TYPE } from "../plan/resource-kind";
import type { StackSession } from "./stack-session";

/**
 * Resolves what a killed run left pending, before the stack is previewed, so nothing is created
 * twice: a pending key create is adopted when exactly one live key carries the manifest's identity
 * tags and the state records none of them, and dropped when there is none (it never reached
 * AWS); a pending replica create the same way in its own region, where the one live tagged key
 * must be a replica of the stack's key (a multi-Region replica has its primary's key id); a pending alias create is adopted when the alias points at this stack's key, else dropped
 * when it does not exist. Anything else stops the run, naming the resource and how to resolve it.
 * After an adoption, a refresh reads the adopted resources' attributes from the cloud.
 * `report` (a preview) decides the same way and says what apply will do, writing nothing.
 */
export async function resolvePendingOperations(session: StackSession<unknown>, stack: EngineStack, mode: "resolve" | "report"): Promise<readonly string[]> {
  const state = await stack.state();
  const creates = state.pending.filter((op) => op.operation === "creating");
  if (creates.length === 0) return [];
  const keys = await session.findIdentityKeys();
  const replicaRegions = [...new Set(creates.filter((op) => op.type === REPLICA_KEY_TYPE).map((op) => replicaRegionOf(op.urn)))];
  const replicaKeys = new Map(await Promise.all(replicaRegions.map(async (region) => [region, await session.findIdentityKeys(region)] as const)));
  const recordedKeys = new Set(state.recorded.filter((r) => r.type === KEY_TYPE).map((r) => r.id));
  // Keys first: a replica is judged against its primary, recorded or adopted here.
  const ordered = [...creates.filter((op) => op.type === KEY_TYPE), ...creates.filter((op) => op.type !== KEY_TYPE)];
  const resolutions: PendingCreateResolution[] = [];
  for (const op of ordered) {
    resolutions.push(op.type === REPLICA_KEY_TYPE ? resolveReplica(session.target.stack, op, replicaKeys.get(replicaRegionOf(op.urn)) ?? [], recordedKeys) : resolve(session.target.stack, op, keys, recordedKeys, state));
  }
  if (mode === "report") {
    for (const r of resolutions) {
      const what = r.id !== undefined ? `adopts ${r.id}, created by an interrupted run, instead of creating ${nameOf(r.urn)}` : `drops the interrupted create of ${nameOf(r.urn)}, which never reached AWS`;
      session.report({ kind: "recovered", text: `stack ${session.target.stack}: the next apply ${what}` });
    }
    return adoptedIds(resolutions);
  }
  await stack.resolvePendingCreates(resolutions);
  const adopted = resolutions.filter((r) => r.id !== undefined);
  for (const r of resolutions) {
    const what = r.id !== undefined ? `adopted ${r.id}, created by an interrupted run,` : `dropped ${nameOf(r.urn)}, which an interrupted run never created,`;
    session.report({ kind: "recovered", text: `stack ${session.target.stack}: ${what} into the state` });
  }
  if (adopted.length > 0) await session.run(stack, "refresh", `reading the adopted resources of stack ${session.target.stack}`);
  return adoptedIds(resolutions);
}

function adoptedIds(resolutions: readonly PendingCreateResolution[]): string[] {
  return resolutions.flatMap((r) => (r.id !== undefined ? [r.id] : []));
}

function resolve(stackName: string, op: PendingOperation, keys: readonly IdentityKey[], recordedKeys: Set<string>, state: StackState): PendingCreateResolution {
  switch (op.type) {
    case KEY_TYPE: {
      const unrecorded = keys.filter((k) => !recordedKeys.has(k.keyId));
      if (unrecorded.length === 0) return { urn: op.urn };
      if (unrecorded.length === 1) {
        recordedKeys.add(unrecorded[0]!.keyId);
        return { urn: op.urn, id: unrecorded[0]!.keyId };
      }
      throw unresolvable(stackName, op, `${unrecorded.length} live keys carry its identity tags (${unrecorded.map((k) => k.keyId).join(", ")})`);
    }
    case ALIAS_TYPE: {
      const name = typeof op.inputs["name"] === "string" ? op.inputs["name"] : "";
      const owner = keys.find((k) => k.aliases.includes(name));
      if (owner !== undefined && recordedKeys.has(owner.keyId)) return { urn: op.urn, id: name };
      if (owner === undefined && !state.recorded.some((r) => r.type === ALIAS_TYPE && r.id === name)) return { urn: op.urn };
      throw unresolvable(stackName, op, `the alias ${name} exists and points at a key this stack does not manage`);
    }
    default:
      throw unresolvable(stackName, op, "planton adopts only keys and aliases");
  }
}

/**
 * A pending replica create: dropped when no live key in its region carries the identity tags,
 * adopted when exactly one does and it is a replica of the stack's key (same key id), else refused.
 */
function resolveReplica(stackName: string, op: PendingOperation, live: readonly IdentityKey[], primaryIds: ReadonlySet<string>): PendingCreateResolution {
  const region = replicaRegionOf(op.urn);
  if (live.length === 0) return { urn: op.urn };
  if (live.length > 1) throw unresolvable(stackName, op, `${live.length} live keys in ${region} carry its identity tags (${live.map((k) => k.keyId).join(", ")})`);
  const { keyId } = live[0]!;
  if (primaryIds.size > 0 && !primaryIds.has(keyId)) throw unresolvable(stackName, op, `the live key in ${region} that carries its identity tags (${keyId}) is not a replica of this stack's key (${[...primaryIds].join(", ")})`);
  return { urn: op.urn, id: keyId };
}

/** The region of a replica key from its URN (`...::replica-eu-west-1`, see RESOURCE_NAMES). */
function replicaRegionOf(urn: string): string {
  return nameOf(urn).replace(/^replica-/, "");
}

function unresolvable(stackName: string, op: PendingOperation, reason: string): PlantonError {
  return new PlantonError("refused", `cannot resolve the interrupted create of ${nameOf(op.urn)} in stack ${stackName}: ${reason}`, {
    hint: `adopt the right one with \`pulumi refresh --stack organization/planton/${stackName} --import-pending-creates ${op.urn} <ID>\` (PULUMI_BACKEND_URL set to this backend), or schedule the unwanted keys' deletion with \`aws kms schedule-key-deletion --key-id <ID>\``,
  });
}

/**
 * Refuses a plan that creates the manifest's key while a live key the state does not record
 * already carries its identity tags: the state was lost (or lives in another backend), and
 * applying would make a second key for one manifest. Keys a preview reports apply will adopt
 * (`adopting`) are not counted.
 */
export async function refuseSecondKey(session: StackSession<unknown>, stack: EngineStack, plan: Plan, adopting: readonly string[]): Promise<void> {
  if (!plan.changes.some((c) => c.type === KEY_TYPE && c.op === "create")) return;
  const recorded = new Set([...(await stack.state()).recorded.map((r) => r.id), ...adopting]);
  const live = (await session.findIdentityKeys()).filter((k) => !recorded.has(k.keyId));
  if (live.length === 0) return;
  const ids = live.map((k) => k.keyId).join(", ");
  throw new PlantonError("refused", `cannot create the key of stack ${session.target.stack}: ${session.target.aws.region} already has a live key with this manifest's identity tags that the stack does not record (${ids})`, {
    hint: "its state was lost or is in another backend: restore it from the backend's backups (.pulumi/backups under a file backend) or use that backend; if the key is not wanted, schedule its deletion with `aws kms schedule-key-deletion --key-id <ID>`",
  });
}

/** The resource's name from its URN (`...::prod-rds`). */
function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * The interruption of an operation, worded from the state as the engine left it: either every
 * operation in flight finished and was recorded, or these are pending and the next apply
 * resolves them. The state cannot be read when the engine was killed holding it: say so.
 */
export async function describeInterruption(error: PlantonError, stack: EngineStack): Promise<PlantonError> {
  const head = error.message.replace(/: interrupted.*$/, "");
  const pending = await stack.state().then((s) => s.pending, () => undefined);
  const state =
    pending === undefined
      ? "its state could not be read back; run `planton preview` to see where it stands"
      : pending.length === 0
        ? "the operations in flight finished and the state records them"
        : `${pending.length} operation(s) did not finish (${pending.map((op) => `${op.operation} ${nameOf(op.urn)}`).join(", ")}); the next \`planton apply\` resolves them`;
  return new PlantonError("interrupted", `${head}: interrupted; ${state}`, { cause: error.cause ?? error });
}
