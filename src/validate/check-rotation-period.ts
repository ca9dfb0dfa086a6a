import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { KeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { error, type Problem } from "../core/problem";

/**
 * `rotationPeriodDays` only means something with rotation on; a period with rotation off is
 * a misunderstanding worth stopping for (the user probably expects the key to rotate). Turning
 * rotation on is offered only where AWS can rotate the key (SYMMETRIC_DEFAULT).
 */
export function checkRotationPeriod(spec: AwsKmsKeySpec): Problem[] {
  if (spec.rotationPeriodDays === undefined || spec.enableRotation === true) return [];
  const canRotate = spec.keySpec === KeySpec.SYMMETRIC_DEFAULT || spec.keySpec === KeySpec.KEY_SPEC_UNSPECIFIED;
  const fix = canRotate ? "remove it or turn rotation on" : `remove it (${KeySpec[spec.keySpec]} keys cannot rotate)`;
  return [error("spec.rotationPeriodDays", `applies only when enableRotation is true; ${fix}`)];
}
