import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";

// The one key spec → usage table, as the KMS API reference gives it for CreateKey's KeyUsage: validation checks a usage against it and defaults take its first
// entry, so the two can never disagree. Each list starts with the usage the spec most often has in
// AWS (SM2 keys are mostly signing keys, so SIGN_VERIFY leads). A Record over KeySpec makes a new
// key spec in the proto a compile error here until its usages are written down.
const usagesByKeySpec: Record<KeySpec, readonly KeyUsage[]> = {
  // An unset spec is SYMMETRIC_DEFAULT to AWS (and to applyDefaults).
  [KeySpec.KEY_SPEC_UNSPECIFIED]: [KeyUsage.ENCRYPT_DECRYPT],
  [KeySpec.SYMMETRIC_DEFAULT]: [KeyUsage.ENCRYPT_DECRYPT],
  [KeySpec.HMAC_224]: [KeyUsage.GENERATE_VERIFY_MAC],
  [KeySpec.HMAC_256]: [KeyUsage.GENERATE_VERIFY_MAC],
  [KeySpec.HMAC_384]: [KeyUsage.GENERATE_VERIFY_MAC],
  [KeySpec.HMAC_512]: [KeyUsage.GENERATE_VERIFY_MAC],
  [KeySpec.RSA_2048]: [KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY],
  [KeySpec.RSA_3072]: [KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY],
  [KeySpec.RSA_4096]: [KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY],
  [KeySpec.ECC_NIST_P256]: [KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT],
  [KeySpec.ECC_NIST_P384]: [KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT],
  [KeySpec.ECC_NIST_P521]: [KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT],
  [KeySpec.ECC_SECG_P256K1]: [KeyUsage.SIGN_VERIFY],
  [KeySpec.ECC_NIST_EDWARDS25519]: [KeyUsage.SIGN_VERIFY],
  [KeySpec.ML_DSA_44]: [KeyUsage.SIGN_VERIFY],
  [KeySpec.ML_DSA_65]: [KeyUsage.SIGN_VERIFY],
  [KeySpec.ML_DSA_87]: [KeyUsage.SIGN_VERIFY],
  [KeySpec.ML_KEM_512]: [KeyUsage.ENCAPSULATE_DECAPSULATE],
  [KeySpec.ML_KEM_768]: [KeyUsage.ENCAPSULATE_DECAPSULATE],
  [KeySpec.ML_KEM_1024]: [KeyUsage.ENCAPSULATE_DECAPSULATE],
  [KeySpec.SM2]: [KeyUsage.SIGN_VERIFY, KeyUsage.ENCRYPT_DECRYPT, KeyUsage.KEY_AGREEMENT],
};

/** The usages AWS allows for a key spec, its default usage first. */
export function allowedKeyUsages(keySpec: KeySpec): readonly KeyUsage[] {
  return usagesByKeySpec[keySpec];
}
