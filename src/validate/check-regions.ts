import type { AwsKmsKeySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { error, warning, type Problem } from "../core/problem";
import { editDistance } from "../manifest/did-you-mean";
import { isKnownRegion, KNOWN_REGIONS } from "./aws-partition";

// The proto rule (aws_region) checks a region's shape; this one checks it against the regions the
// AWS SDK's partition table lists. A near miss of a known region is a typo and an error; any other
// well-formed name is only a warning, as AWS opens regions after planton is built. A name that
// differs from known ones in its number alone (`us-east-3`) is how new regions are named, so it is
// never taken for a typo.

const WELL_FORMED = /^[a-z]+(-[a-z]+)+-[0-9]{1,2}$/;
const MAX_TYPO_EDITS = 2;

/** `spec.region` and every replica region: known to AWS, or at least not a typo of a known one. */
export function checkRegions(spec: AwsKmsKeySpec): Problem[] {
  const named: Array<[string, string]> = [["spec.region", spec.region], ...spec.replicaRegions.map((region, i): [string, string] => [`spec.replicaRegions[${i}]`, region])];
  return named.flatMap(([path, region]) => regionProblems(path, region));
}

/** The known region `region` is a typo of, or undefined when it is known, malformed or not close to one. */
export function regionTypoOf(region: string): string | undefined {
  if (!WELL_FORMED.test(region) || isKnownRegion(region)) return undefined;
  return nearestKnownRegion(region);
}

function regionProblems(path: string, region: string): Problem[] {
  if (!WELL_FORMED.test(region) || isKnownRegion(region)) return [];
  const typoOf = regionTypoOf(region);
  if (typoOf !== undefined) return [error(path, `is not an AWS region: did you mean "${typoOf}"? (got "${region}")`)];
  return [warning(path, `"${region}" is not a region planton knows (it knows those in the AWS SDK's partition table); check the name, unless the region is newer than this planton`)];
}

function nearestKnownRegion(region: string): string | undefined {
  const stem = withoutNumber(region);
  if (KNOWN_REGIONS.some((known) => withoutNumber(known) === stem)) return undefined;
  let best: string | undefined;
  let bestDistance = MAX_TYPO_EDITS + 1;
  for (const known of KNOWN_REGIONS) {
    const distance = editDistance(region, known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best;
}

function withoutNumber(region: string): string {
  return region.replace(/-[0-9]+$/, "");
}
