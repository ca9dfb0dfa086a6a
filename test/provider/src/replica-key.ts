/**
 * `aws:kms/replicaKey:ReplicaKey`, emulated.
 *
 * GAP: local-kms implements neither ReplicateKey nor multi-Region keys (it drops
 * MultiRegion, has no MultiRegionConfiguration, and picks every key id itself).
 * So "replicating" here means: check the primary exists (DescribeKey in the
 * primary's region, taken from its ARN) and is not pending deletion, then
 * CreateKey in the replica region's emulator with the primary's KeySpec and
 * KeyUsage (MultiRegion=true is sent but ignored). The replica therefore is a
 * separate key: different key id (real replicas share the primary's `mrk-` id),
 * different key material (ciphertexts do not cross regions), and the provider
 * cannot tell whether the primary is really multi-Region, nor stop a second
 * replica in the same region. Its ARN is in the replica region, and it is
 * listed by ListKeys on that region's emulator. `keyRotationEnabled` is read
 * from the primary when reachable (a shared property), else from the replica.
 */
import {
  CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyRotationCommand,
  GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient,
} from "@aws-sdk/client-kms";
import { ProviderConfig, effectiveRegion } from "./config";
import { Checker, withDefaults } from "./check";
import { PropSpec, diffProps } from "./diff";
import { isNotFound, kmsClient, listTags, parseKeyArn } from "./kms-client";
import { Ctx, ResourceImpl, readResult } from "./resource";
import { finishCreate, scheduleDeletion, updateSharedAttributes } from "./key-lifecycle";
import { mergeTags, ownTags, toTagList } from "./tags";
import { Props, bool, compact, num, policiesEqual, str, strMap } from "./values";

const DEFAULTS: Props = { bypassPolicyLockoutSafetyCheck: false, deletionWindowInDays: 30, enabled: true };

/** ReplicaKey inputs and how they diff. */
export const REPLICA_PROPS: PropSpec[] = [
  { name: "bypassPolicyLockoutSafetyCheck", dflt: false },
  { name: "deletionWindowInDays", dflt: 30 },
  { name: "description", computed: true },
  { name: "enabled", dflt: true },
  { name: "policy", computed: true, equal: policiesEqual },
  { name: "primaryKeyArn", replace: true },
  { name: "region", replace: true, computed: true },
  { name: "tags", dflt: {} },
];

async function rotationOf(c: KMSClient, keyId: string): Promise<boolean | undefined> {
  try {
    return (await c.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled ?? false;
  } catch {
    return undefined;
  }
}

async function readReplica(ctx: Ctx, c: KMSClient, keyId: string, region: string, prior: Props): Promise<Props | undefined> {
  let md;
  try {
    md = (await c.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
  if (!md || md.KeyState === "PendingDeletion" || md.KeyState === "PendingReplicaDeletion") return undefined;
  const primaryKeyArn = md.MultiRegionConfiguration?.PrimaryKey?.Arn ?? str(prior, "primaryKeyArn");
  const primary = primaryKeyArn ? parseKeyArn(primaryKeyArn) : undefined;
  const primaryRotation = primary ? await rotationOf(kmsClient(ctx.cfg, primary.region), primaryKeyArn!) : undefined;
  const live = await listTags(c, keyId);
  return compact({
    arn: md.Arn,
    keyId: md.KeyId,
    bypassPolicyLockoutSafetyCheck: bool(prior, "bypassPolicyLockoutSafetyCheck", false),
    deletionWindowInDays: num(prior, "deletionWindowInDays", 30),
    description: md.Description ?? "",
    enabled: md.Enabled ?? false,
    keyRotationEnabled: primaryRotation ?? (await rotationOf(c, keyId)) ?? false,
    keySpec: md.KeySpec ?? md.CustomerMasterKeySpec,
    keyUsage: md.KeyUsage,
    policy: (await c.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))).Policy,
    primaryKeyArn,
    region,
    tags: ownTags(live, ctx.cfg.defaultTags, strMap(prior, "tags")),
    tagsAll: live,
  });
}

function regionOf(cfg: ProviderConfig, props: Props): string {
  return effectiveRegion(cfg, str(props, "region"));
}

/** The ReplicaKey resource. */
export const replicaKey: ResourceImpl = {
  previewSpec: {
    computed: ["arn", "keyId", "description", "keyRotationEnabled", "keySpec", "keyUsage", "policy"],
    tagged: true,
  },

  check(_ctx, _olds, news) {
    const c = new Checker(news);
    c.required("primaryKeyArn");
    c.keyArn("primaryKeyArn");
    c.string("description");
    c.maxLength("description", 8192);
    c.intBetween("deletionWindowInDays", 7, 30);
    c.boolean("enabled");
    c.boolean("bypassPolicyLockoutSafetyCheck");
    c.jsonObject("policy");
    c.tags("tags");
    return { inputs: withDefaults(news, DEFAULTS), failures: c.failures };
  },

  diff(_id, olds, news) {
    return diffProps(REPLICA_PROPS, olds, news);
  },

  async create(ctx, inputs) {
    const region = regionOf(ctx.cfg, inputs);
    const primaryKeyArn = str(inputs, "primaryKeyArn") ?? "";
    const primary = parseKeyArn(primaryKeyArn);
    if (!primary) throw new Error(`primaryKeyArn is not a KMS key ARN: ${primaryKeyArn}`);
    if (primary.region === region) {
      throw new Error(`the primary key ${primaryKeyArn} is in ${region}; a replica must be in a different region`);
    }
    const pc = kmsClient(ctx.cfg, primary.region);
    const pmd = (await pc.send(new DescribeKeyCommand({ KeyId: primaryKeyArn }))).KeyMetadata;
    if (!pmd || pmd.KeyState === "PendingDeletion") throw new Error(`primary key ${primaryKeyArn} is pending deletion`);
    if (pmd.MultiRegion === false) throw new Error(`primary key ${primaryKeyArn} is not a multi-Region key`);
    const c = kmsClient(ctx.cfg, region);
    const created = await c.send(new CreateKeyCommand({
      Description: str(inputs, "description"),
      KeySpec: pmd.KeySpec,
      KeyUsage: pmd.KeyUsage,
      Policy: str(inputs, "policy"),
      BypassPolicyLockoutSafetyCheck: bool(inputs, "bypassPolicyLockoutSafetyCheck", false),
      MultiRegion: true,
      Tags: toTagList(mergeTags(ctx.cfg.defaultTags, strMap(inputs, "tags"))),
    }));
    const keyId = created.KeyMetadata?.KeyId;
    if (!keyId) throw new Error("CreateKey (replica) returned no key id");
    const configure = async (): Promise<void> => {
      if (await rotationOf(pc, primaryKeyArn)) await c.send(new EnableKeyRotationCommand({ KeyId: keyId }));
      if (!bool(inputs, "enabled", true)) await c.send(new DisableKeyCommand({ KeyId: keyId }));
    };
    return finishCreate(keyId, "replica key", configure, () => readReplica(ctx, c, keyId, region, inputs));
  },

  async read(ctx, id, props) {
    const region = regionOf(ctx.cfg, props);
    const state = await readReplica(ctx, kmsClient(ctx.cfg, region), id, region, props);
    return readResult(id, state, props, REPLICA_PROPS.map((p) => p.name));
  },

  async update(ctx, id, olds, news) {
    const region = regionOf(ctx.cfg, olds);
    const c = kmsClient(ctx.cfg, region);
    await updateSharedAttributes(c, ctx.cfg, id, { olds, news, enabledProp: "enabled" });
    const outs = await readReplica(ctx, c, id, region, { ...olds, ...news });
    if (!outs) throw new Error(`replica key ${id} no longer exists (deleted or pending deletion)`);
    return { outs };
  },

  async delete(ctx, id, props) {
    await scheduleDeletion(kmsClient(ctx.cfg, regionOf(ctx.cfg, props)), id, props);
  },
};
