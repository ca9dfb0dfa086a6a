import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { error, type Problem } from "../core/problem";
import { partitionOf } from "./aws-partition";

/**
 * Every IAM principal the structured policy names is in the key's partition (the partition of
 * spec.region): IAM principals of one partition do not exist in another, and KMS refuses a key
 * policy that names a principal it cannot find. Without a region the partition is not known yet;
 * the check runs again when the region is given (preview and apply need one).
 */
export function checkPrincipalPartitions(spec: AwsKmsKeySpec): Problem[] {
  const policy = spec.policy;
  if (!policy || spec.region === "") return [];
  const keyPartition = partitionOf(spec.region);
  const named: Array<[string, string]> = [
    ...(policy.adminRole ? [["spec.policy.adminRole", policy.adminRole] as [string, string]] : []),
    ...listed("spec.policy.adminRoles", policy.adminRoles),
    ...listed("spec.policy.usageRoles", policy.usageRoles),
    ...listed("spec.policy.grantRoles", policy.grantRoles),
    ...policy.services.flatMap((s, i) => listed(`spec.policy.services[${i}].principals`, s.principals)),
    ...policy.extraStatements.flatMap((s, i) => listed(`spec.policy.extraStatements[${i}].principals`, s.principals)),
  ];
  return named.flatMap(([path, arn]) => {
    const problem = principalPartitionProblem(arn, keyPartition, spec.region);
    return problem ? [error(path, problem)] : [];
  });
}

/**
 * Why an IAM ARN cannot be a principal of a key in `keyPartition` (in `region`), or undefined when
 * it can (or is no ARN at all, which the principal rule reports).
 */
export function principalPartitionProblem(arn: string, keyPartition: string, region: string): string | undefined {
  const partition = /^arn:([^:]+):iam::/.exec(arn)?.[1];
  if (partition === undefined || partition === keyPartition) return undefined;
  const fixed = arn.replace(/^arn:[^:]+:/, `arn:${keyPartition}:`);
  return `is in the ${partition} partition, but the key is in ${keyPartition} (${region}): a principal must be in the key's partition, e.g. ${fixed} (got "${arn}")`;
}

function listed(path: string, arns: readonly string[]): Array<[string, string]> {
  return arns.map((arn, i) => [`${path}[${i}]`, arn]);
}
