import { overlapsAny } from "../manifest/position-index";
import { checkKeyUsage } from "./check-key-usage";
import { checkReplicaRegions } from "./check-replica-regions";
import { checkRotation } from "./check-rotation";
import { checkRotationPeriod } from "./check-rotation-period";

/**
 * The fields each cross-field rule reads. When a document has a broken field, its message holds a
 * stand-in there (a default, or nothing), so a rule that reads it would judge a value that is not
 * the user's; every other rule still runs, and the user sees all problems at once.
 */
const ruleInputs: ReadonlyMap<unknown, readonly string[]> = new Map<unknown, readonly string[]>([
  [checkKeyUsage, ["spec.keySpec", "spec.keyUsage"]],
  [checkRotation, ["spec.keySpec", "spec.enableRotation"]],
  [checkRotationPeriod, ["spec.keySpec", "spec.enableRotation", "spec.rotationPeriodDays"]],
  [checkReplicaRegions, ["spec.region", "spec.multiRegion", "spec.replicaRegions"]],
]);

/**
 * True when `rule` can judge a document whose `broken` fields (paths with an error already) hold
 * stand-ins: it reads none of them. A rule whose inputs are not listed runs only on a whole document.
 */
export function canJudge(rule: unknown, broken: readonly string[]): boolean {
  if (broken.length === 0) return true;
  const inputs = ruleInputs.get(rule);
  return inputs !== undefined && !inputs.some((input) => overlapsAny(input, broken));
}
