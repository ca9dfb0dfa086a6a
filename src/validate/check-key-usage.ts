import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { error, type Problem } from "../core/problem";

/** The usages AWS allows for a key spec. */
export function allowedKeyUsages(keySpec: KeySpec): readonly KeyUsage[] {
  switch (keySpec) {
    case KeySpec.KEY_SPEC_UNSPECIFIED:
    case KeySpec.SYMMETRIC_DEFAULT:
      return [KeyUsage.ENCRYPT_DECRYPT];
    case KeySpec.HMAC_224:
    case KeySpec.HMAC_256:
    case KeySpec.HMAC_384:
    case KeySpec.HMAC_512:
      return [KeyUsage.GENERATE_VERIFY_MAC];
    case KeySpec.RSA_2048:
    case KeySpec.RSA_3072:
    case KeySpec.RSA_4096:
      return [KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY];
    case KeySpec.ECC_NIST_P256:
    case KeySpec.ECC_NIST_P384:
    case KeySpec.ECC_NIST_P521:
      return [KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT];
    case KeySpec.ECC_SECG_P256K1:
    case KeySpec.ECC_NIST_EDWARDS25519:
    case KeySpec.ML_DSA_44:
    case KeySpec.ML_DSA_65:
    case KeySpec.ML_DSA_87:
      return [KeyUsage.SIGN_VERIFY];
    case KeySpec.SM2:
      return [KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT];
  }
}

/** `keyUsage` must be one AWS allows for `keySpec` (SYMMETRIC_DEFAULT → ENCRYPT_DECRYPT, ...). */
export function checkKeyUsage(spec: AwsKmsKeySpec): Problem[] {
  if (spec.keyUsage === KeyUsage.KEY_USAGE_UNSPECIFIED) return [];
  const allowed = allowedKeyUsages(spec.keySpec);
  if (allowed.includes(spec.keyUsage)) return [];
  const names = allowed.map((usage) => KeyUsage[usage]);
  const choice = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
  return [error("spec.keyUsage", `${KeyUsage[spec.keyUsage]} is not allowed for ${KeySpec[spec.keySpec]} keys; use ${choice}`)];
}
