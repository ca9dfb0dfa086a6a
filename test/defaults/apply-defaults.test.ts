import { create } from "@bufbuild/protobuf";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { applyDefaults, defaultKeyUsage } from "../../src/defaults/apply-defaults";

function key(spec: Record<string, unknown> = {}, name = "orders"): AwsKmsKey {
  return create(AwsKmsKeySchema, { apiVersion: "aws.project-planton.org/v1", kind: "AwsKmsKey", metadata: { name }, spec });
}

describe("applyDefaults", () => {
  it("fills production defaults for a symmetric key", () => {
    const spec = applyDefaults(key(), { region: "eu-west-1" }).spec!;
    expect(spec.keySpec).toBe(KeySpec.SYMMETRIC_DEFAULT);
    expect(spec.keyUsage).toBe(KeyUsage.ENCRYPT_DECRYPT);
    expect(spec.enableRotation).toBe(true);
    expect(spec.rotationPeriodDays).toBe(365);
    expect(spec.deletionWindowDays).toBe(30);
    expect(spec.enabled).toBe(true);
    expect(spec.alias).toBe("alias/orders");
    expect(spec.region).toBe("eu-west-1");
  });

  it("does not change its input", () => {
    const input = key();
    applyDefaults(input);
    expect(input.spec!.keySpec).toBe(KeySpec.KEY_SPEC_UNSPECIFIED);
    expect(input.spec!.alias).toBe("");
  });

  it.each([
    [KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT],
    [KeySpec.HMAC_384, KeyUsage.GENERATE_VERIFY_MAC],
    [KeySpec.RSA_3072, KeyUsage.ENCRYPT_DECRYPT],
    [KeySpec.ECC_NIST_P256, KeyUsage.SIGN_VERIFY],
    [KeySpec.ECC_NIST_EDWARDS25519, KeyUsage.SIGN_VERIFY],
    [KeySpec.ML_DSA_87, KeyUsage.SIGN_VERIFY],
    [KeySpec.SM2, KeyUsage.SIGN_VERIFY],
  ])("derives keyUsage from keySpec %s", (keySpec, keyUsage) => {
    expect(defaultKeyUsage(keySpec)).toBe(keyUsage);
    expect(applyDefaults(key({ keySpec })).spec!.keyUsage).toBe(keyUsage);
  });

  it("turns rotation off, with no period, for non-symmetric keys", () => {
    const spec = applyDefaults(key({ keySpec: KeySpec.RSA_2048 })).spec!;
    expect(spec.enableRotation).toBe(false);
    expect(spec.rotationPeriodDays).toBeUndefined();
  });

  it("lets explicit values win", () => {
    const spec = applyDefaults(
      key({ keySpec: KeySpec.RSA_4096, keyUsage: KeyUsage.SIGN_VERIFY, enableRotation: false, deletionWindowDays: 7, enabled: false, alias: "alias/x", region: "us-west-2" }),
      { region: "eu-west-1" },
    ).spec!;
    expect(spec).toMatchObject({ keyUsage: KeyUsage.SIGN_VERIFY, enableRotation: false, deletionWindowDays: 7, enabled: false, alias: "alias/x", region: "us-west-2" });
    expect(applyDefaults(key({ enableRotation: false })).spec!.rotationPeriodDays).toBeUndefined();
    expect(applyDefaults(key({ rotationPeriodDays: 180 })).spec!.rotationPeriodDays).toBe(180);
  });

  it("leaves region empty when neither the manifest nor the context has one", () => {
    expect(applyDefaults(key()).spec!.region).toBe("");
  });

  it("never makes an invalid manifest valid", () => {
    // No spec stays no spec (it is required), and a bad name gives no alias to hide behind.
    expect(applyDefaults(create(AwsKmsKeySchema, { metadata: { name: "x" } })).spec).toBeUndefined();
    expect(applyDefaults(key({}, "Bad_Name")).spec!.alias).toBe("");
    expect(applyDefaults(key({}, "")).spec!.alias).toBe("");
    // An explicit, wrong usage or rotation is kept for validation to refuse.
    expect(applyDefaults(key({ keyUsage: KeyUsage.KEY_AGREEMENT })).spec!.keyUsage).toBe(KeyUsage.KEY_AGREEMENT);
    expect(applyDefaults(key({ keySpec: KeySpec.HMAC_256, enableRotation: true })).spec!).toMatchObject({ enableRotation: true, rotationPeriodDays: 365 });
  });

});
