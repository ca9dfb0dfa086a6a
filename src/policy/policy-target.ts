/**
 * Where the policy will live: the key's account, partition and region (the primary's region, or
 * a replica's: KMS does not copy policies to replicas, each gets its own from the same spec).
 */
export interface PolicyTarget {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
}

/** Stands in for the account id when it cannot be known offline; never deployed. */
export const ACCOUNT_ID_PLACEHOLDER = "${AWS_ACCOUNT_ID}";

/** Stands in for the region when neither the manifest nor a flag names one; never deployed. */
export const REGION_PLACEHOLDER = "${AWS_REGION}";

/** The ARN of an account's root principal (every principal of the account that IAM allows). */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}
