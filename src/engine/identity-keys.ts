import type * as Kms from "@aws-sdk/client-kms";
import { kmsClient } from "../aws/kms-client";
import { PlantonError } from "../core/planton-error";

/** Where to look for keys: the region and, in the sandbox or LocalStack, the KMS endpoint. */
export interface KeyLocation {
  readonly region: string;
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly timeoutSeconds?: number;
}

/** A live key (not pending deletion) and the aliases that point at it. */
export interface IdentityKey {
  readonly keyId: string;
  readonly aliases: readonly string[];
}

/**
 * The live keys whose tags include every one of `tags` (planton's identity tags), with their
 * aliases: how a key created by a killed run, or one whose state was lost, is found again.
 * The AWS SDK is loaded here, on first use, so commands that never deploy never load it.
 */
export async function findIdentityKeys(location: KeyLocation, tags: Readonly<Record<string, string>>): Promise<IdentityKey[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kms = require("@aws-sdk/client-kms") as typeof Kms;
  const client = kmsClient(kms, location);
  try {
    const found: IdentityKey[] = [];
    for await (const page of kms.paginateListKeys({ client }, {})) {
      for (const { KeyId: keyId } of page.Keys ?? []) {
        if (keyId === undefined) continue;
        const meta = (await client.send(new kms.DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
        if (meta?.KeyState === "PendingDeletion" || meta?.KeyManager === "AWS") continue;
        const keyTags = (await client.send(new kms.ListResourceTagsCommand({ KeyId: keyId }))).Tags ?? [];
        const has = (k: string, v: string): boolean => keyTags.some((t) => t.TagKey === k && t.TagValue === v);
        if (!Object.entries(tags).every(([k, v]) => has(k, v))) continue;
        const aliases = (await client.send(new kms.ListAliasesCommand({ KeyId: keyId }))).Aliases ?? [];
        found.push({ keyId, aliases: aliases.flatMap((a) => (a.AliasName !== undefined ? [a.AliasName] : [])) });
      }
    }
    return found;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PlantonError("engine", `cannot look for keys tagged ${tagText(tags)} in ${location.region}: ${reason}`, { cause: err });
  } finally {
    client.destroy();
  }
}

/** `planton:name=x, planton:kind=AwsKmsKey`, for messages. */
export function tagText(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(", ");
}
