import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { compareText } from "./compare-text";

// Action names are listed explicitly rather than as `kms:Describe*`-style wildcards, so a reviewer
// sees exactly what is granted and a future KMS action is never granted by accident.

/** What a key can be used for, which decides the cryptographic actions its users get. */
export type KeyKind = "symmetric" | "asymmetric-encrypt" | "sign-verify" | "mac" | "key-agreement" | "key-encapsulation";

/** The kind of a (defaulted) key: its usage, and for ENCRYPT_DECRYPT whether it is symmetric. */
export function keyKindOf(key: AwsKmsKey): KeyKind {
  const spec = key.spec?.keySpec ?? KeySpec.KEY_SPEC_UNSPECIFIED;
  const usage = key.spec?.keyUsage ?? KeyUsage.KEY_USAGE_UNSPECIFIED;
  switch (usage) {
    case KeyUsage.KEY_USAGE_UNSPECIFIED:
    case KeyUsage.ENCRYPT_DECRYPT:
      return isSymmetric(spec) ? "symmetric" : "asymmetric-encrypt";
    case KeyUsage.SIGN_VERIFY:
      return "sign-verify";
    case KeyUsage.GENERATE_VERIFY_MAC:
      return "mac";
    case KeyUsage.KEY_AGREEMENT:
      return "key-agreement";
    case KeyUsage.ENCAPSULATE_DECAPSULATE:
      return "key-encapsulation";
  }
}

/** True for SYMMETRIC_DEFAULT (an unset spec defaults to it). */
export function isSymmetric(spec: KeySpec): boolean {
  return spec === KeySpec.SYMMETRIC_DEFAULT || spec === KeySpec.KEY_SPEC_UNSPECIFIED;
}

/** The cryptographic actions a user of a key of this kind needs, sorted; DescribeKey included. */
export function usageActions(kind: KeyKind): readonly string[] {
  switch (kind) {
    case "symmetric":
      return ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"];
    case "asymmetric-encrypt":
      return ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GetPublicKey"];
    case "sign-verify":
      return ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:Verify"];
    case "mac":
      return ["kms:DescribeKey", "kms:GenerateMac", "kms:VerifyMac"];
    case "key-agreement":
      return ["kms:DeriveSharedSecret", "kms:DescribeKey", "kms:GetPublicKey"];
    case "key-encapsulation":
      // The KMS API reference: Encapsulate needs kms:Encapsulate, Decapsulate kms:Decapsulate
      // (both key policy permissions), and the public key is read with GetPublicKey.
      return ["kms:Decapsulate", "kms:DescribeKey", "kms:Encapsulate", "kms:GetPublicKey"];
  }
}

/** The usage actions without `kms:DescribeKey`: the ones a request carries an encryption context on. */
export function cryptographicActions(kind: KeyKind): readonly string[] {
  return usageActions(kind).filter((action) => action !== "kms:DescribeKey");
}

const MANAGEMENT_ACTIONS = [
  "kms:CancelKeyDeletion",
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:DescribeKey",
  "kms:DisableKey",
  "kms:DisableKeyRotation",
  "kms:EnableKey",
  "kms:EnableKeyRotation",
  "kms:GetKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListGrants",
  "kms:ListKeyPolicies",
  "kms:ListKeyRotations",
  "kms:ListResourceTags",
  "kms:PutKeyPolicy",
  "kms:RevokeGrant",
  "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
];

// Only multi-Region keys can be replicated or have their primary moved.
const MULTI_REGION_ACTIONS = ["kms:ReplicateKey", "kms:UpdatePrimaryRegion"];

/**
 * What key administrators get: everything needed to manage the key's life (describe, enable,
 * disable, policy, tags, aliases, rotation, deletion) and no cryptographic use, sorted.
 * `kms:CreateGrant` is left out on purpose: a grant is a way to hand out cryptographic use.
 */
export function adminActions(key: AwsKmsKey): readonly string[] {
  const actions = key.spec?.multiRegion ? [...MANAGEMENT_ACTIONS, ...MULTI_REGION_ACTIONS] : MANAGEMENT_ACTIONS;
  return [...actions].sort(compareText);
}

/** The actions grant holders get: grants for AWS resources only (see the grant statement). */
export const GRANT_ACTIONS: readonly string[] = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];
