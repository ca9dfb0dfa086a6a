import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { error, type Problem } from "../core/problem";
import { partitionOf } from "../validate/aws-partition";
import { ACCOUNT_ID_PLACEHOLDER, REGION_PLACEHOLDER, type PolicyTarget } from "./policy-target";

/** What the user said about where the policy goes (all optional: `planton policy` works offline). */
export interface PolicyTargetOptions {
  /** A region: the key's own, or one of its replica regions to get that replica's policy. */
  readonly region?: string;
  readonly accountId?: string;
  readonly partition?: string;
}

/**
 * The target a key's policy is printed for: the key's region (or the replica region asked for),
 * the account id given or a placeholder, and the partition given or the region's. A region that is
 * neither the key's nor a replica's is a problem. `key` is defaulted: a usable `--region` is
 * already its spec.region, so a key without one gets the region placeholder.
 */
export function resolvePolicyTarget(key: AwsKmsKey, options: PolicyTargetOptions): { target?: PolicyTarget; problems: Problem[] } {
  const primary = key.spec?.region ?? "";
  const replicas = key.spec?.replicaRegions ?? [];
  let region = primary || REGION_PLACEHOLDER;
  if (options.region && primary && options.region !== primary) {
    if (!replicas.includes(options.region)) {
      const known = [primary, ...replicas].join(", ");
      return { problems: [error("spec.region", `--region ${options.region} is neither the key's region nor one of its replicaRegions (${known})`)] };
    }
    region = options.region;
  }
  const partition = options.partition || partitionOf(primary || region);
  return { target: { accountId: options.accountId || ACCOUNT_ID_PLACEHOLDER, partition, region }, problems: [] };
}
