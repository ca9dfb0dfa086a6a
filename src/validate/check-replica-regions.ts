import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { error, type Problem } from "../core/problem";

/** Replicas need a multi-Region key, and a replica cannot live in the primary key's own region. */
export function checkReplicaRegions(spec: AwsKmsKeySpec): Problem[] {
  if (spec.replicaRegions.length === 0) return [];
  const problems: Problem[] = [];
  if (!spec.multiRegion) {
    problems.push(error("spec.replicaRegions", "needs multiRegion: true (only multi-Region keys have replicas)"));
  }
  spec.replicaRegions.forEach((region, index) => {
    if (spec.region !== "" && region === spec.region) {
      problems.push(error(`spec.replicaRegions[${index}]`, `must not be the primary region ${spec.region}: the key is already there`));
    }
  });
  return problems;
}
