import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { defaultKeyUsage } from "../../src/defaults/apply-defaults";
import { allowedKeyUsages } from "../../src/defaults/allowed-key-usages";
import { checkKeyUsage } from "../../src/validate/check-key-usage";
import { create } from "@bufbuild/protobuf";
import { AwsKmsKeySpecSchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";

const keySpecs = Object.values(KeySpec).filter((value): value is KeySpec => typeof value === "number");

describe("allowedKeyUsages", () => {
  it.each(keySpecs.map((keySpec) => [KeySpec[keySpec], keySpec] as const))("defaults %s to the first usage it allows, which validation accepts", (_, keySpec) => {
    expect(allowedKeyUsages(keySpec).length).toBeGreaterThan(0);
    expect(defaultKeyUsage(keySpec)).toBe(allowedKeyUsages(keySpec)[0]);
    expect(checkKeyUsage(create(AwsKmsKeySpecSchema, { keySpec, keyUsage: defaultKeyUsage(keySpec) }))).toEqual([]);
  });

  it("keeps SIGN_VERIFY as SM2's default while allowing its other usages", () => {
    expect(allowedKeyUsages(KeySpec.SM2)).toEqual([KeyUsage.SIGN_VERIFY, KeyUsage.ENCRYPT_DECRYPT, KeyUsage.KEY_AGREEMENT]);
  });
});
