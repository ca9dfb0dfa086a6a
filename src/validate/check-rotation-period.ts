import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { error, type Problem } from "../core/problem";

/**
 * `rotationPeriodDays` only means something with rotation on; a period with rotation off is
 * a misunderstanding worth stopping for (the user probably expects the key to rotate).
 */
export function checkRotationPeriod(spec: AwsKmsKeySpec): Problem[] {
  if (spec.rotationPeriodDays === undefined || spec.enableRotation === true) return [];
  return [error("spec.rotationPeriodDays", "applies only when enableRotation is true; remove it or turn rotation on")];
}
