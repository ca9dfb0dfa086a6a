import { AWS_PARTITIONS, type AwsPartition } from "./aws-partitions";

// Partition lookups over the AWS SDK's own table (aws-partitions.ts, generated from it), resolved
// the way the SDK's endpoint resolver does: a known region first, then each partition's region
// pattern, then `aws`, so planton and AWS's clients never disagree about where a region is.

const byRegion = new Map(AWS_PARTITIONS.flatMap((p) => p.regions.map((region) => [region, p] as const)));
const patterns = AWS_PARTITIONS.map((p) => [new RegExp(p.regionRegex), p] as const);
const byId = new Map(AWS_PARTITIONS.map((p) => [p.id, p]));

/** Every region the AWS SDK's table lists, in every partition. */
export const KNOWN_REGIONS: readonly string[] = [...byRegion.keys()];

/** True for a region the AWS SDK's table lists. */
export function isKnownRegion(region: string): boolean {
  return byRegion.has(region);
}

/** The AWS partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, ..., `aws-eusc`). */
export function partitionOf(region: string): string {
  return partitionFor(region).id;
}

/** The DNS suffix of regional service endpoints and principals in a partition (`amazonaws.com` when unknown). */
export function dnsSuffixOf(partition: string): string {
  return (byId.get(partition) ?? defaultPartition()).dnsSuffix;
}

/** True for a partition the AWS SDK's table lists. */
export function isKnownPartition(partition: string): boolean {
  return byId.has(partition);
}

function partitionFor(region: string): AwsPartition {
  return byRegion.get(region) ?? patterns.find(([pattern]) => pattern.test(region))?.[1] ?? defaultPartition();
}

function defaultPartition(): AwsPartition {
  return byId.get("aws") ?? AWS_PARTITIONS[0];
}
