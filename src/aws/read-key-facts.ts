/**
 * The edge that reads a live KMS key with the AWS SDK for JavaScript: the only import of
 * @aws-sdk/client-kms, loaded lazily by `planton import` alone (validate, init and policy never
 * pay for it). Returns plain KeyFacts; AWS errors become PlantonErrors here.
 */
import type * as Kms from "@aws-sdk/client-kms";
import { kmsClient } from "./kms-client";
import { PlantonError } from "../core/planton-error";
import type { KeyFacts, ReplicaFacts } from "../adopt/key-facts";

/** Which key to read, and how to reach KMS. */
export interface ReadKeyOptions {
  /** Key id, key ARN, alias name or alias ARN. */
  readonly keyId: string;
  readonly region: string;
  readonly profile?: string;
  /** A KMS endpoint for `region` only (one URL serves one region). */
  readonly endpointUrl?: string;
}

/** States in which KMS answers DescribeKey but not the other reads. */
const UNREADABLE_STATES = new Set(["PendingDeletion", "PendingReplicaDeletion", "PendingImport", "Unavailable"]);

/**
 * Reads the key `options.keyId` names: DescribeKey, then (unless it is pending deletion or AWS
 * managed, which the caller refuses anyway) its policy, rotation status and period, tags, the
 * aliases that target it and, for a multi-Region primary, each replica in its own region.
 * A key that does not exist is a PlantonError("refused").
 */
export async function readKeyFacts(options: ReadKeyOptions): Promise<KeyFacts> {
  // require, not import(): a dynamic import() cannot run from the startup snapshot.
  const kms = require("@aws-sdk/client-kms") as typeof Kms;
  const client = (region: string): Kms.KMSClient =>
    kmsClient(kms, {
      region,
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.endpointUrl !== undefined && region === options.region ? { endpointUrl: options.endpointUrl } : {}),
    });
  const primary = client(options.region);
  try {
    const metadata = await describe(kms, primary, options);
    const arn = metadata.Arn ?? "";
    const [, partition = "aws", , , accountId = ""] = arn.split(":");
    const keyId = metadata.KeyId ?? "";
    const base = {
      keyId,
      arn,
      region: options.region,
      accountId,
      partition,
      description: metadata.Description ?? "",
      keySpec: metadata.KeySpec ?? "SYMMETRIC_DEFAULT",
      keyUsage: metadata.KeyUsage ?? "ENCRYPT_DECRYPT",
      enabled: metadata.Enabled ?? false,
      keyState: metadata.KeyState ?? "",
      keyManager: metadata.KeyManager ?? "CUSTOMER",
      origin: metadata.Origin ?? "AWS_KMS",
      ...(metadata.CustomKeyStoreId ? { customKeyStoreId: metadata.CustomKeyStoreId } : {}),
      multiRegion: metadata.MultiRegion ?? false,
      ...(metadata.MultiRegionConfiguration?.MultiRegionKeyType ? { multiRegionKeyType: metadata.MultiRegionConfiguration.MultiRegionKeyType } : {}),
    };
    const aliases = await aliasesOf(kms, primary, keyId);
    if (UNREADABLE_STATES.has(base.keyState) || base.keyManager === "AWS") {
      return { ...base, aliases, rotationEnabled: false, policy: "", tags: {}, replicas: [] };
    }
    const rotation = await rotationOf(kms, primary, keyId);
    const replicaEntries = base.multiRegionKeyType === "PRIMARY" ? (metadata.MultiRegionConfiguration?.ReplicaKeys ?? []) : [];
    const replicas: ReplicaFacts[] = [];
    for (const entry of replicaEntries) {
      if (entry.Region === undefined || entry.Arn === undefined) continue;
      replicas.push(await readReplica(kms, client(entry.Region), entry.Region, entry.Arn));
    }
    return {
      ...base,
      aliases,
      ...rotation,
      policy: await policyOf(kms, primary, keyId),
      tags: await tagsOf(kms, primary, keyId),
      replicas: replicas.sort((a, b) => (a.region < b.region ? -1 : 1)),
    };
  } catch (err) {
    if (err instanceof PlantonError) throw err;
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const kind = err instanceof Error && /credential/i.test(err.message) ? "credentials" : "engine";
    throw new PlantonError(kind, `cannot read the KMS key ${options.keyId} in ${options.region}: ${reason}`, { cause: err });
  } finally {
    primary.destroy();
  }
}

async function describe(kms: typeof Kms, c: Kms.KMSClient, options: ReadKeyOptions): Promise<Kms.KeyMetadata> {
  try {
    const metadata = (await c.send(new kms.DescribeKeyCommand({ KeyId: options.keyId }))).KeyMetadata;
    if (metadata !== undefined) return metadata;
  } catch (err) {
    if (!(err instanceof Error && err.name === "NotFoundException")) throw err;
  }
  throw new PlantonError("refused", `cannot import the key ${options.keyId}: there is no such key or alias in ${options.region}`, {
    hint: "pass a key id, key ARN, alias name (alias/...) or alias ARN, and --region for a key outside the default region",
  });
}

async function rotationOf(kms: typeof Kms, c: Kms.KMSClient, keyId: string): Promise<{ rotationEnabled: boolean; rotationPeriodDays?: number }> {
  try {
    const status = await c.send(new kms.GetKeyRotationStatusCommand({ KeyId: keyId }));
    const enabled = status.KeyRotationEnabled ?? false;
    return enabled && status.RotationPeriodInDays !== undefined ? { rotationEnabled: true, rotationPeriodDays: status.RotationPeriodInDays } : { rotationEnabled: enabled };
  } catch (err) {
    // Asymmetric and HMAC keys do not rotate: KMS says so with this error.
    if (err instanceof Error && err.name === "UnsupportedOperationException") return { rotationEnabled: false };
    throw err;
  }
}

async function policyOf(kms: typeof Kms, c: Kms.KMSClient, keyId: string): Promise<string> {
  return (await c.send(new kms.GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))).Policy ?? "";
}

async function tagsOf(kms: typeof Kms, c: Kms.KMSClient, keyId: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  let marker: string | undefined;
  do {
    const page = await c.send(new kms.ListResourceTagsCommand({ KeyId: keyId, ...(marker ? { Marker: marker } : {}) }));
    for (const tag of page.Tags ?? []) if (tag.TagKey !== undefined) tags[tag.TagKey] = tag.TagValue ?? "";
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return tags;
}

async function aliasesOf(kms: typeof Kms, c: Kms.KMSClient, keyId: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await c.send(new kms.ListAliasesCommand({ KeyId: keyId, ...(marker ? { Marker: marker } : {}) }));
    // Some emulators ignore the KeyId filter: keep only the aliases that really target the key.
    for (const alias of page.Aliases ?? []) if (alias.AliasName !== undefined && alias.TargetKeyId === keyId) names.push(alias.AliasName);
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return names.sort();
}

async function readReplica(kms: typeof Kms, c: Kms.KMSClient, region: string, arn: string): Promise<ReplicaFacts> {
  try {
    const metadata = (await c.send(new kms.DescribeKeyCommand({ KeyId: arn }))).KeyMetadata;
    const keyId = metadata?.KeyId;
    if (metadata === undefined || keyId === undefined) throw new Error(`DescribeKey returned nothing for the replica ${arn}`);
    return {
      region,
      keyId,
      arn,
      description: metadata.Description ?? "",
      enabled: metadata.Enabled ?? false,
      keyState: metadata.KeyState ?? "",
      policy: await policyOf(kms, c, keyId),
      tags: await tagsOf(kms, c, keyId),
      aliases: await aliasesOf(kms, c, keyId),
    };
  } finally {
    c.destroy();
  }
}
