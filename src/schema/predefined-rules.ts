import { hasExtension } from "@bufbuild/protobuf";
import type { StringRules } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { aws_region, iam_principal } from "../../gen/project/planton/provider/aws/awskmskey/v1/rules_pb";

/**
 * The predefined string rules of rules.proto as JSON Schema patterns. Each pattern accepts
 * exactly what the rule's CEL expression accepts (test/schema checks them side by side with
 * protovalidate), so an editor flags what `planton validate` would.
 */
const PREDEFINED_PATTERNS = [
  {
    extension: iam_principal,
    // Wildcards and groups, which the CEL names separately, fail this pattern too; so do names over
    // 64 characters and paths over 512 (the path is "/" + the part before the name + "/").
    pattern: "^arn:aws(-cn|-us-gov|-iso(-[bef])?|-eusc)?:iam::[0-9]{12}:(root|(role|user)/([!-)+-~]{1,510}/)?[A-Za-z0-9+=,.@_-]{1,64})$",
  },
  {
    extension: aws_region,
    // The rule accepts the empty string: "no region here" is decided by other rules.
    pattern: "^([a-z]+(-[a-z]+)+-[0-9]{1,2})?$",
  },
] as const;

/** Patterns for the predefined rules set on `rules`, and the field numbers of any it does not know. */
export function predefinedPatterns(rules: StringRules): { patterns: string[]; unknown: number[] } {
  const patterns = PREDEFINED_PATTERNS.filter((p) => hasExtension(rules, p.extension)).map((p) => p.pattern);
  const known = new Set<number>(PREDEFINED_PATTERNS.map((p) => p.extension.number));
  const unknown = (rules.$unknown ?? []).map((u) => u.no).filter((no) => !known.has(no));
  return { patterns, unknown };
}
