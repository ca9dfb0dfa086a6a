import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { KeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { error, type Problem } from "../core/problem";

/** AWS rotates only SYMMETRIC_DEFAULT keys: `enableRotation: true` on any other spec is an error. */
export function checkRotation(spec: AwsKmsKeySpec): Problem[] {
  if (spec.enableRotation !== true || spec.keySpec === KeySpec.SYMMETRIC_DEFAULT || spec.keySpec === KeySpec.KEY_SPEC_UNSPECIFIED) return [];
  return [error("spec.enableRotation", `must be false for ${KeySpec[spec.keySpec]} keys: AWS rotates only SYMMETRIC_DEFAULT keys`)];
}
