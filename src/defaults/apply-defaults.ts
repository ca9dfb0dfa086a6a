import { clone } from "@bufbuild/protobuf";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { isWellFormedName } from "../manifest/resource-name";
import { allowedKeyUsages } from "./allowed-key-usages";

/** What defaults may depend on besides the manifest; resolved by the CLI from flags and environment. */
export interface DefaultsContext {
  /** `--region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
  readonly region?: string;
}

/** Days between rotations when rotation is on and no period is given (AWS's own default). */
export const defaultRotationPeriodDays = 365;
/** Days KMS waits before deleting the key (AWS's own default, and the safest). */
export const defaultDeletionWindowDays = 30;

/**
 * Returns a copy of `key` with planton's production defaults filled in. An explicit value always
 * wins, and a default is never derived from a value that is itself invalid or missing, so a
 * manifest that is invalid stays invalid (a missing `spec` stays missing; no alias from a bad name).
 */
export function applyDefaults(key: AwsKmsKey, context: DefaultsContext = {}): AwsKmsKey {
  const result = clone(AwsKmsKeySchema, key);
  const spec = result.spec;
  if (spec === undefined) return result;
  if (spec.keySpec === KeySpec.KEY_SPEC_UNSPECIFIED) spec.keySpec = KeySpec.SYMMETRIC_DEFAULT;
  if (spec.keyUsage === KeyUsage.KEY_USAGE_UNSPECIFIED) spec.keyUsage = defaultKeyUsage(spec.keySpec);
  spec.enableRotation ??= spec.keySpec === KeySpec.SYMMETRIC_DEFAULT;
  if (spec.enableRotation) spec.rotationPeriodDays ??= defaultRotationPeriodDays;
  spec.deletionWindowDays ??= defaultDeletionWindowDays;
  spec.enabled ??= true;
  const name = result.metadata?.name ?? "";
  // An alias is derived only from a name that will pass validation, so the name's problem is reported once.
  if (spec.alias === "" && isWellFormedName(name)) spec.alias = `alias/${name}`;
  if (spec.region === "" && context.region) spec.region = context.region;
  return result;
}

/** The usage a key spec gets when none is given: the first AWS allows, its most common one. */
export function defaultKeyUsage(keySpec: KeySpec): KeyUsage {
  return allowedKeyUsages(keySpec)[0];
}
