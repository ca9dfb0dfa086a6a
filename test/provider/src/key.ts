/**
 * `aws:kms/key:Key` against KMS (local-kms in tests).
 *
 * Emulator gaps, faithfully remembered in state instead of read back:
 * multiRegion, rotationPeriodInDays (local-kms ignores both),
 * customKeyStoreId/xksKeyId (no custom key stores: the key is a plain AWS_KMS key),
 * deletionWindowInDays and bypassPolicyLockoutSafetyCheck (not readable in AWS either).
 */
import {
  CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, DisableKeyRotationCommand,
  EnableKeyRotationCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KeySpec, KeyUsageType, KMSClient,
} from "@aws-sdk/client-kms";
import { effectiveRegion } from "./config";
import { Checker, withDefaults } from "./check";
import { PropSpec, diffProps } from "./diff";
import { isNotFound, kmsClient, listTags } from "./kms-client";
import { Ctx, ResourceImpl, readResult } from "./resource";
import { finishCreate, scheduleDeletion, updateSharedAttributes } from "./key-lifecycle";
import { mergeTags, ownTags, toTagList } from "./tags";
import { Props, bool, compact, num, policiesEqual, str, strMap } from "./values";

/** Key specs the real provider accepts. */
export const KEY_SPECS = [
  "SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512",
  "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87",
  "SM2", "ECC_NIST_EDWARDS25519",
] as const;
/** Key usages the real provider accepts. */
export const KEY_USAGES = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"] as const;

const DEFAULTS: Props = {
  bypassPolicyLockoutSafetyCheck: false,
  customerMasterKeySpec: "SYMMETRIC_DEFAULT",
  deletionWindowInDays: 30,
  enableKeyRotation: false,
  isEnabled: true,
  keyUsage: "ENCRYPT_DECRYPT",
};

/** Key inputs and how they diff (replace-on-change as in the real provider). */
export const KEY_PROPS: PropSpec[] = [
  { name: "bypassPolicyLockoutSafetyCheck", dflt: false },
  { name: "customKeyStoreId", replace: true },
  { name: "customerMasterKeySpec", replace: true, dflt: "SYMMETRIC_DEFAULT" },
  { name: "deletionWindowInDays", dflt: 30 },
  { name: "description", computed: true },
  { name: "enableKeyRotation", dflt: false },
  { name: "isEnabled", dflt: true },
  { name: "keyUsage", replace: true, dflt: "ENCRYPT_DECRYPT" },
  { name: "multiRegion", replace: true, computed: true },
  { name: "policy", computed: true, equal: policiesEqual },
  { name: "region", replace: true, computed: true },
  { name: "rotationPeriodInDays", computed: true },
  { name: "tags", dflt: {} },
  { name: "xksKeyId", replace: true },
];

/** Reads the live key; undefined when it is gone or pending deletion. */
async function readKey(ctx: Ctx, c: KMSClient, keyId: string, region: string, prior: Props): Promise<Props | undefined> {
  let md;
  try {
    md = (await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  if (!md || md.KeyState === "PendingDeletion" || md.KeyState === "PendingReplicaDeletion") return undefined;
  let rotation = false;
  let period: number | undefined;
  try {
    const r = await c.send(new GetKeyRotationStatusCommand({ KeyId: keyId }));
    rotation = r.KeyRotationEnabled ?? false;
    period = r.RotationPeriodInDays;
  } catch (e) {
    if ((e as { name?: string }).name !== "UnsupportedOperationException") throw e;
  }
  const policy = (await c.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))).Policy;
  const live = await listTags(c, keyId);
  const priorPeriod = num(prior, "rotationPeriodInDays");
  return compact({
    arn: md.Arn,
    keyId: md.KeyId,
    bypassPolicyLockoutSafetyCheck: bool(prior, "bypassPolicyLockoutSafetyCheck", false),
    customKeyStoreId: md.CustomKeyStoreId ?? str(prior, "customKeyStoreId"),
    customerMasterKeySpec: md.KeySpec ?? md.CustomerMasterKeySpec,
    deletionWindowInDays: num(prior, "deletionWindowInDays", 30),
    description: md.Description ?? "",
    enableKeyRotation: rotation,
    isEnabled: md.Enabled ?? false,
    keyUsage: md.KeyUsage,
    multiRegion: md.MultiRegion ?? bool(prior, "multiRegion", false),
    policy,
    region,
    rotationPeriodInDays: period ?? priorPeriod ?? (rotation ? 365 : 0),
    tags: ownTags(live, ctx.cfg.defaultTags, strMap(prior, "tags")),
    tagsAll: live,
    xksKeyId: md.XksKeyConfiguration?.Id ?? str(prior, "xksKeyId"),
  });
}

function stateRegion(ctx: Ctx, props: Props): string {
  return effectiveRegion(ctx.cfg, str(props, "region"));
}

/** The Key resource. */
export const key: ResourceImpl = {
  previewSpec: {
    computed: ["arn", "keyId", "description", "multiRegion", "policy", "rotationPeriodInDays"],
    dependents: { enableKeyRotation: ["rotationPeriodInDays"] },
    tagged: true,
  },

  check(_ctx, _olds, news) {
    const c = new Checker(news);
    c.string("description");
    c.maxLength("description", 8192);
    c.oneOf("customerMasterKeySpec", KEY_SPECS);
    c.oneOf("keyUsage", KEY_USAGES);
    c.intBetween("deletionWindowInDays", 7, 30);
    c.intBetween("rotationPeriodInDays", 90, 2560);
    for (const b of ["enableKeyRotation", "isEnabled", "multiRegion", "bypassPolicyLockoutSafetyCheck"]) c.boolean(b);
    c.jsonObject("policy");
    c.maxLength("policy", 32768);
    c.tags("tags");
    if (news["customKeyStoreId"] !== undefined && news["multiRegion"] === true) {
      c.fail("multiRegion", "multiRegion cannot be used with customKeyStoreId");
    }
    return { inputs: withDefaults(news, DEFAULTS), failures: c.failures };
  },

  diff(_id, olds, news) {
    return diffProps(KEY_PROPS, olds, news);
  },

  async create(ctx, inputs) {
    const region = stateRegion(ctx, inputs);
    const c = kmsClient(ctx.cfg, region);
    const tagsAll = mergeTags(ctx.cfg.defaultTags, strMap(inputs, "tags"));
    const created = await c.send(new CreateKeyCommand({
      Description: str(inputs, "description"),
      KeySpec: (str(inputs, "customerMasterKeySpec") ?? "SYMMETRIC_DEFAULT") as KeySpec,
      KeyUsage: (str(inputs, "keyUsage") ?? "ENCRYPT_DECRYPT") as KeyUsageType,
      Policy: str(inputs, "policy"),
      BypassPolicyLockoutSafetyCheck: bool(inputs, "bypassPolicyLockoutSafetyCheck", false),
      MultiRegion: bool(inputs, "multiRegion", false),
      CustomKeyStoreId: str(inputs, "customKeyStoreId"),
      XksKeyId: str(inputs, "xksKeyId"),
      Tags: toTagList(tagsAll),
    }));
    const keyId = created.KeyMetadata?.KeyId;
    if (!keyId) throw new Error("CreateKey returned no key id");
    const configure = async (): Promise<void> => {
      if (bool(inputs, "enableKeyRotation", false)) {
        const period = num(inputs, "rotationPeriodInDays");
        await c.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: period }));
      }
      if (!bool(inputs, "isEnabled", true)) await c.send(new DisableKeyCommand({ KeyId: keyId }));
    };
    return finishCreate(keyId, "KMS key", configure, () => readKey(ctx, c, keyId, region, inputs));
  },

  async read(ctx, id, props) {
    const region = stateRegion(ctx, props);
    const state = await readKey(ctx, kmsClient(ctx.cfg, region), id, region, props);
    return readResult(id, state, props, KEY_PROPS.map((p) => p.name));
  },

  async update(ctx, id, olds, news) {
    const region = stateRegion(ctx, olds);
    const c = kmsClient(ctx.cfg, region);
    await updateSharedAttributes(c, ctx.cfg, id, { olds, news, enabledProp: "isEnabled" }, async () => {
      const rotate = bool(news, "enableKeyRotation", false);
      const rotated = bool(olds, "enableKeyRotation", false);
      const period = num(news, "rotationPeriodInDays");
      if (rotate && (!rotated || (period !== undefined && period !== num(olds, "rotationPeriodInDays")))) {
        await c.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: period }));
      } else if (!rotate && rotated) {
        await c.send(new DisableKeyRotationCommand({ KeyId: id }));
      }
    });
    const outs = await readKey(ctx, c, id, region, { ...olds, ...news });
    if (!outs) throw new Error(`KMS key ${id} no longer exists (deleted or pending deletion)`);
    return { outs };
  },

  async delete(ctx, id, props) {
    await scheduleDeletion(kmsClient(ctx.cfg, stateRegion(ctx, props)), id, props);
  },
};
