import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { error, type Problem } from "../core/problem";
import { allowedKeyUsages } from "../defaults/allowed-key-usages";

/** `keyUsage` must be one AWS allows for `keySpec` (SYMMETRIC_DEFAULT → ENCRYPT_DECRYPT, ...). */
export function checkKeyUsage(spec: AwsKmsKeySpec): Problem[] {
  if (spec.keyUsage === KeyUsage.KEY_USAGE_UNSPECIFIED) return [];
  const allowed = allowedKeyUsages(spec.keySpec);
  if (allowed.includes(spec.keyUsage)) return [];
  const names = allowed.map((usage) => KeyUsage[usage]);
  const choice = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
  return [error("spec.keyUsage", `${KeyUsage[spec.keyUsage]} is not allowed for ${KeySpec[spec.keySpec]} keys; use ${choice}`)];
}
