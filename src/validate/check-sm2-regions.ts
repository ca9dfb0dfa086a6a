import { KeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { error, type Problem } from "../core/problem";
import { partitionOf } from "./aws-partition";

// KMS API reference, CreateKey KeySpec: "SM2 key pairs (China Regions only)".
const CHINA = "aws-cn";

/** An SM2 key, and each of its replicas, must be in a China Region (the aws-cn partition). */
export function checkSm2Regions(spec: AwsKmsKeySpec): Problem[] {
  if (spec.keySpec !== KeySpec.SM2) return [];
  const problems: Problem[] = [];
  const primaryInChina = spec.region !== "" && partitionOf(spec.region) === CHINA;
  if (spec.region !== "" && !primaryInChina) {
    problems.push(error("spec.region", `SM2 keys exist only in the China Regions (${CHINA}); ${spec.region} is in ${partitionOf(spec.region)}: choose a cn- region or another keySpec`));
  }
  spec.replicaRegions.forEach((region, i) => {
    // With the primary in China, a replica elsewhere is already refused for leaving the partition.
    if (primaryInChina || partitionOf(region) === CHINA) return;
    problems.push(error(`spec.replicaRegions[${i}]`, `SM2 keys exist only in the China Regions (${CHINA}), their replicas too; ${region} is in ${partitionOf(region)}`));
  });
  return problems;
}
