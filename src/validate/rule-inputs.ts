import { overlapsAny } from "../manifest/position-index";
import { defaultPolicyWarning } from "../policy/default-policy-warning";
import { checkKeyUsage } from "./check-key-usage";
import { checkPrincipalPartitions } from "./check-principal-partitions";
import { checkRegions } from "./check-regions";
import { checkReplicaRegions } from "./check-replica-regions";
import { checkRotation } from "./check-rotation";
import { checkRotationPeriod } from "./check-rotation-period";
import { checkSm2Regions } from "./check-sm2-regions";
import { checkTagCount } from "./check-tag-count";

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
  [checkRegions, ["spec.region", "spec.replicaRegions"]],
  [checkSm2Regions, ["spec.keySpec", "spec.region", "spec.replicaRegions"]],
  [checkPrincipalPartitions, ["spec.region", "spec.policy"]],
  [checkTagCount, ["metadata", "spec.tags"]],
  [defaultPolicyWarning, ["spec.policy"]],
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
