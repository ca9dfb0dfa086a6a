import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { warning, type Problem } from "../core/problem";

/**
 * The warning for a key without `spec.policy`: it gets the AWS default key policy, which gives the
 * account root `kms:*`, so every principal of the account whose IAM policies allow it may manage
 * and use the key. Pure: loadManifests adds it for the commands that judge or deploy the policy
 * (validate, policy, preview, apply), not for those that only read or remove a stack. Undefined
 * when the key has a policy block.
 */
export function defaultPolicyWarning(key: AwsKmsKey): Problem | undefined {
  if (!key.spec || key.spec.policy) return undefined;
  return warning(
    "spec.policy",
    "not set: the key gets the AWS default key policy, which gives the account root kms:* (any principal of the account that IAM allows may manage and use the key); set adminRole and usageRoles for least privilege",
  );
}
