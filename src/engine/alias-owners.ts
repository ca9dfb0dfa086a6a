import type * as ClientKms from "@aws-sdk/client-kms";
import { kmsClient } from "../aws/kms-client";

/** An alias name in one region, as the stack would create it. */
export interface AliasLookup {
  readonly region: string;
  readonly name: string;
}

/** An alias that already exists, and the key it points at. */
export interface AliasOwner extends AliasLookup {
  readonly targetKeyId: string;
}

/** Where and as whom to look: planton's `--profile` and `--endpoint-url`. */
export interface AliasLookupOptions {
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly timeoutSeconds?: number;
}

/**
 * The aliases among `lookups` that already exist in KMS (ListAliases per region), each with the
 * key it points at. Read with the AWS SDK's usual credentials, like the engine. A region that
 * cannot be read is skipped: the lookup only lets preview say early what apply would hit anyway.
 */
export async function findAliasOwners(lookups: readonly AliasLookup[], options: AliasLookupOptions): Promise<AliasOwner[]> {
  // Loaded on use: only a plan that creates an alias asks (planStack), so only it pays for the AWS SDK.
  const kms = require("@aws-sdk/client-kms") as typeof ClientKms;
  const regions = [...new Set(lookups.map((l) => l.region))];
  const found = await Promise.all(
    regions.map(async (region): Promise<AliasOwner[]> => {
      const client = kmsClient(kms, { region, ...options });
      const wanted = new Set(lookups.filter((l) => l.region === region).map((l) => l.name));
      try {
        const owners: AliasOwner[] = [];
        for await (const page of kms.paginateListAliases({ client }, {})) {
          for (const alias of page.Aliases ?? []) {
            if (alias.AliasName && alias.TargetKeyId && wanted.has(alias.AliasName)) owners.push({ region, name: alias.AliasName, targetKeyId: alias.TargetKeyId });
          }
        }
        return owners;
      } catch {
        return [];
      } finally {
        client.destroy();
      }
    }),
  );
  return found.flat();
}
