import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { defaultDeletionWindowDays } from "../defaults/apply-defaults";
import { keyTags } from "../defaults/key-tags";

/** Inputs of `aws.kms.Key` that come straight from the manifest (the policy is resolved at deploy time). */
export interface KeyArgsFromSpec {
  readonly description: string;
  readonly customerMasterKeySpec?: string;
  readonly keyUsage?: string;
  readonly enableKeyRotation: boolean;
  readonly rotationPeriodInDays?: number;
  readonly deletionWindowInDays: number;
  readonly isEnabled: boolean;
  readonly multiRegion: boolean;
  readonly bypassPolicyLockoutSafetyCheck: boolean;
  readonly tags: Record<string, string>;
}

/** Inputs of one `aws.kms.ReplicaKey` that come straight from the manifest. */
export interface ReplicaKeyArgsFromSpec {
  readonly description: string;
  readonly deletionWindowInDays: number;
  readonly enabled: boolean;
  readonly bypassPolicyLockoutSafetyCheck: boolean;
  readonly tags: Record<string, string>;
}

/**
 * Maps a validated, defaulted manifest onto `aws.kms.Key` inputs. Enum values keep AWS spelling,
 * so their names are the provider's strings; an unset enum (applyDefaults always sets them) is
 * left to the provider's default rather than sent as `KEY_SPEC_UNSPECIFIED`.
 */
export function keyArgs(key: AwsKmsKey): KeyArgsFromSpec {
  const spec = key.spec;
  const rotation = spec?.enableRotation ?? false;
  return {
    description: spec?.description ?? "",
    customerMasterKeySpec: spec?.keySpec ? KeySpec[spec.keySpec] : undefined,
    keyUsage: spec?.keyUsage ? KeyUsage[spec.keyUsage] : undefined,
    enableKeyRotation: rotation,
    // Sent only with rotation on: KMS rejects a period for keys that do not rotate.
    rotationPeriodInDays: rotation ? spec?.rotationPeriodDays : undefined,
    // Only a message that skipped applyDefaults lacks it; fall back to the documented default.
    deletionWindowInDays: spec?.deletionWindowDays ?? defaultDeletionWindowDays,
    isEnabled: spec?.enabled ?? true,
    multiRegion: spec?.multiRegion ?? false,
    bypassPolicyLockoutSafetyCheck: spec?.policy?.bypassPolicyLockoutSafetyCheck ?? false,
    tags: keyTags(key),
  };
}

/** Maps the manifest onto the inputs every replica shares (each adds its primary ARN and policy). */
export function replicaKeyArgs(key: AwsKmsKey): ReplicaKeyArgsFromSpec {
  const primary = keyArgs(key);
  return {
    description: primary.description,
    deletionWindowInDays: primary.deletionWindowInDays,
    enabled: primary.isEnabled,
    bypassPolicyLockoutSafetyCheck: primary.bypassPolicyLockoutSafetyCheck,
    tags: primary.tags,
  };
}
