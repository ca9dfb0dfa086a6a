import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import type { Problem } from "../core/problem";
import { overlapsAny } from "../manifest/position-index";
import { checkKeyUsage } from "./check-key-usage";
import { checkPrincipalPartitions } from "./check-principal-partitions";
import { checkRegions } from "./check-regions";
import { checkReplicaRegions } from "./check-replica-regions";
import { checkRotation } from "./check-rotation";
import { checkRotationPeriod } from "./check-rotation-period";
import { checkSm2Regions } from "./check-sm2-regions";
import { checkTagCount } from "./check-tag-count";
import { manifestValidator } from "./manifest-validator";
import { canJudge } from "./rule-inputs";
import { violationToProblem } from "./violation-to-problem";

/** The rules the proto cannot say, one function per rule. */
const specRules: readonly ((spec: AwsKmsKeySpec) => Problem[])[] = [
  checkKeyUsage,
  checkRotation,
  checkRotationPeriod,
  checkRegions,
  checkReplicaRegions,
  checkSm2Regions,
  checkPrincipalPartitions,
];

/** The rules that need the whole key (its metadata too), not only the spec. */
const keyRules: readonly ((key: AwsKmsKey) => Problem[])[] = [checkTagCount];

/**
 * Every problem of a (defaulted) key: the proto's protovalidate rules, then the cross-field
 * rules. Problems carry paths but no positions; the caller knows where the manifest came from.
 * `broken` lists the paths that already have an error (the key holds stand-ins there): problems
 * about them, and rules that read them, are left out (see canJudge).
 */
export function validateKey(key: AwsKmsKey, broken: readonly string[] = []): Problem[] {
  const problems = validateFieldRules(key).filter((problem) => !overlapsAny(problem.path, broken));
  if (key.spec) for (const rule of specRules) if (canJudge(rule, broken)) problems.push(...rule(key.spec));
  if (key.spec) for (const rule of keyRules) if (canJudge(rule, broken)) problems.push(...rule(key));
  return problems;
}

/** Only the proto's rules, each about one field (also used to judge a `--region` alone). */
export function validateFieldRules(key: AwsKmsKey): Problem[] {
  const result = manifestValidator().validate(AwsKmsKeySchema, key);
  switch (result.kind) {
    case "valid":
      return [];
    case "invalid":
      return result.violations.map((violation) => violationToProblem(violation, key));
    case "error":
      // A rule that cannot compile or run is planton's bug, not the user's.
      throw result.error;
  }
}
