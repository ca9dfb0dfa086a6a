/**
 * What a Key and a ReplicaKey do alike: the in-place update of the attributes they share, and
 * delete as scheduled deletion.
 */
import {
  DisableKeyCommand, EnableKeyCommand, KMSClient, PutKeyPolicyCommand, ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
} from "@aws-sdk/client-kms";
import { ProviderConfig } from "./config";
import { InitError, isInvalidState, isNotFound } from "./kms-client";
import { applyTags, mergeTags } from "./tags";
import { Props, bool, num, policiesEqual, str, strMap } from "./values";

/**
 * Applies changed enablement, description, policy and tags. `between` runs once the key is
 * enabled and before it is disabled: rotation changes need an enabled key. `enabledProp` is the
 * resource's name for it (`isEnabled` on a Key, `enabled` on a ReplicaKey).
 */
export async function updateSharedAttributes(
  c: KMSClient,
  cfg: ProviderConfig,
  id: string,
  change: { olds: Props; news: Props; enabledProp: "isEnabled" | "enabled" },
  between: () => Promise<void> = async () => undefined,
): Promise<void> {
  const { olds, news, enabledProp } = change;
  const enable = bool(news, enabledProp, true);
  const wasEnabled = bool(olds, enabledProp, true);
  if (enable && !wasEnabled) await c.send(new EnableKeyCommand({ KeyId: id }));
  const description = str(news, "description");
  if (description !== undefined && description !== str(olds, "description")) {
    await c.send(new UpdateKeyDescriptionCommand({ KeyId: id, Description: description }));
  }
  const policy = str(news, "policy");
  if (policy !== undefined && !policiesEqual(policy, olds["policy"])) {
    await c.send(new PutKeyPolicyCommand({
      KeyId: id, PolicyName: "default", Policy: policy,
      BypassPolicyLockoutSafetyCheck: bool(news, "bypassPolicyLockoutSafetyCheck", false),
    }));
  }
  await between();
  await applyTags(c, id, strMap(olds, "tagsAll"), mergeTags(cfg.defaultTags, strMap(news, "tags")));
  if (!enable && wasEnabled) await c.send(new DisableKeyCommand({ KeyId: id }));
}

/**
 * After CreateKey: applies what CreateKey cannot set (`configure`), then reads the key back. A
 * failure in between still reports the key (InitError), so the engine keeps it in state instead
 * of orphaning it. `what` names the key in messages ("KMS key", "replica key").
 */
export async function finishCreate(
  keyId: string,
  what: string,
  configure: () => Promise<void>,
  read: () => Promise<Props | undefined>,
): Promise<{ id: string; outs: Props }> {
  try {
    await configure();
  } catch (e) {
    throw new InitError(`configuring ${what} ${keyId}: ${(e as Error).message}`, keyId, (await read()) ?? { keyId });
  }
  const outs = await read();
  if (!outs) throw new Error(`${what} ${keyId} disappeared right after creation`);
  return { id: keyId, outs };
}

/** Deletes a key the way the real provider does: schedules its deletion after its window. */
export async function scheduleDeletion(c: KMSClient, id: string, props: Props): Promise<void> {
  try {
    await c.send(new ScheduleKeyDeletionCommand({
      KeyId: id, PendingWindowInDays: num(props, "deletionWindowInDays", 30),
    }));
  } catch (e) {
    if (isNotFound(e) || isInvalidState(e)) return; // already gone or already pending deletion
    throw e;
  }
}
