import { KeySpec as SdkKeySpec, KeyUsageType as SdkKeyUsage } from "@aws-sdk/client-kms";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { allowedKeyUsages } from "../../src/defaults/allowed-key-usages";

// The KMS API model shipped in @aws-sdk/client-kms (the KeySpec and KeyUsageType enums of
// CreateKey) is the source of truth for key specs and usages: a spec or usage KMS adds fails here
// when the SDK is upgraded, instead of failing a user whose manifest names it.

function protoNames(values: Record<string, string | number>): string[] {
  return Object.keys(values)
    .filter((name) => Number.isNaN(Number(name)) && !name.endsWith("_UNSPECIFIED"))
    .sort();
}

it("knows every key spec of the KMS model, and no other", () => {
  expect(protoNames(KeySpec)).toEqual(Object.values(SdkKeySpec).sort());
});

it("knows every key usage of the KMS model, and no other", () => {
  expect(protoNames(KeyUsage)).toEqual(Object.values(SdkKeyUsage).sort());
});

it("pairs every key usage of the model with at least one key spec", () => {
  const paired = new Set(protoNames(KeySpec).flatMap((name) => allowedKeyUsages(KeySpec[name as keyof typeof KeySpec]).map((usage) => KeyUsage[usage])));
  expect([...paired].sort()).toEqual(Object.values(SdkKeyUsage).sort());
});

// KMS API reference, CreateKey KeyUsage: "For asymmetric KMS keys with ML-KEM key pairs, specify
// ENCAPSULATE_DECAPSULATE"; ECC_NIST_EDWARDS25519 is "signing and verification only".
it.each([
  [KeySpec.ML_KEM_512, [KeyUsage.ENCAPSULATE_DECAPSULATE]],
  [KeySpec.ML_KEM_768, [KeyUsage.ENCAPSULATE_DECAPSULATE]],
  [KeySpec.ML_KEM_1024, [KeyUsage.ENCAPSULATE_DECAPSULATE]],
  [KeySpec.ECC_NIST_EDWARDS25519, [KeyUsage.SIGN_VERIFY]],
])("allows %s keys exactly the usages the API reference gives", (spec, usages) => {
  expect(allowedKeyUsages(spec)).toEqual(usages);
});
