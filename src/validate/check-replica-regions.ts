import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { error, type Problem } from "../core/problem";
import { partitionOf } from "./aws-partition";
import { regionTypoOf } from "./check-regions";

/**
 * Replicas need a multi-Region key, a replica cannot live in the primary key's own region, and it
 * must stay in the primary's partition (KMS developer guide, multi-Region keys: related keys are in
 * the same AWS partition).
 */
export function checkReplicaRegions(spec: AwsKmsKeySpec): Problem[] {
  if (spec.replicaRegions.length === 0) return [];
  const problems: Problem[] = [];
  if (!spec.multiRegion) {
    problems.push(error("spec.replicaRegions", "needs multiRegion: true (only multi-Region keys have replicas)"));
  }
  spec.replicaRegions.forEach((region, index) => {
    if (spec.region === "") return;
    const at = `spec.replicaRegions[${index}]`;
    if (region === spec.region) {
      problems.push(error(at, `must not be the primary region ${spec.region}: the key is already there`));
    } else if (regionTypoOf(region) === undefined && partitionOf(region) !== partitionOf(spec.region)) {
      // A typo is reported as one (checkRegions); its partition would be a guess.
      problems.push(error(at, `${region} is in the ${partitionOf(region)} partition and the primary region ${spec.region} in ${partitionOf(spec.region)}: replicas stay in their primary key's partition`));
    }
  });
  return problems;
}
