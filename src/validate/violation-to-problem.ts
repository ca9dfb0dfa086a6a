import { isMessage, type DescField } from "@bufbuild/protobuf";
import type { Path } from "@bufbuild/protobuf/reflect";
import type { Violation } from "@bufbuild/protovalidate";
import {
  AwsKmsKeyPolicyConditionSchema,
  AwsKmsKeyPolicySpecSchema,
  AwsKmsKeyPolicyStatementSchema,
  AwsKmsKeyServiceAccessSchema,
} from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { AwsKmsKeySpecSchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { ApiResourceMetadataSchema } from "../../gen/project/planton/shared/v1/metadata_pb";
import { error, type Problem } from "../core/problem";
import { NAME_RULE } from "../manifest/resource-name";
import { partitionOf } from "./aws-partition";
import { valueAt, violationPath } from "./violation-path";

// Patterns are explained in words for the fields people type by hand; regexes are for machines.
// Keyed by the field itself, not its path, so list items (`extraStatements[0].actions[2]`) and
// messages validated on their own (a policyJson principal in a statement) get the same words.
const accountIdAdvice = "must be a 12-digit AWS account id";
const patternAdvice = new Map<DescField, string>([
  [ApiResourceMetadataSchema.field.name, `must be ${NAME_RULE}`],
  [ApiResourceMetadataSchema.field.org, `must be ${NAME_RULE}`],
  [ApiResourceMetadataSchema.field.env, `must be ${NAME_RULE}`],
  [AwsKmsKeySpecSchema.field.alias, "must be alias/ followed by letters, digits, '/', '_' and '-', e.g. alias/prod/rds"],
  [AwsKmsKeyPolicySpecSchema.field.crossAccountIds, accountIdAdvice],
  [AwsKmsKeyServiceAccessSchema.field.sourceAccount, accountIdAdvice],
  [AwsKmsKeyPolicyStatementSchema.field.sid, "must be letters and digits only, e.g. AllowAuditRead"],
  [AwsKmsKeyPolicyStatementSchema.field.servicePrincipals, "must be an AWS service principal such as sns.amazonaws.com"],
  [AwsKmsKeyPolicyStatementSchema.field.actions, "must be one KMS action: `kms:*` and `*` are refused; name the actions (kms:Decrypt, kms:GenerateDataKey, ...)"],
  [AwsKmsKeyPolicyConditionSchema.field.operator, "must be an IAM condition operator such as StringEquals or ArnLikeIfExists"],
  [AwsKmsKeyPolicyConditionSchema.field.key, "must be a condition key such as kms:CallerAccount or aws:PrincipalOrgID"],
]);

// Map keys whose length limits read better as one range than as two separate rules.
const keyLengthAdvice = new Map<DescField, string>([[AwsKmsKeySpecSchema.field.tags, "tag keys must be 1-128 characters"]]);

/**
 * Turns a protovalidate violation into a Problem at its JSON-name path, with the standard rule's
 * message rewritten into planton's sentence shape ("must be between 7 and 30 (got 3)").
 * Messages written in the proto (CEL rules) are already in that shape and pass through, except
 * that an example ARN is written in the key's partition (`partition`, else that of the key's region).
 */
export function violationToProblem(violation: Violation, message: unknown, partition = keyPartition(message)): Problem {
  if (violation.forKey) return keyProblem(violation);
  const path = violationPath(violation.field);
  const value = valueAt(message, violation.field);
  // `unique` is a rule on the whole list; the item to remove is the first one seen before.
  if (ruleName(violation.ruleId) === "unique") {
    const index = firstRepeatIndex(value);
    if (index >= 0) return error(`${path}[${index}]`, `must not repeat ${show((value as unknown[])[index])}`);
  }
  return error(path, inPartition(describe(violation, value), partition));
}

// The proto's principal rule shows `arn:aws:iam::<12-digit account>...`; a China key's user needs
// to read `arn:aws-cn:iam::...`.
function inPartition(text: string, partition: string): string {
  return text.replaceAll("arn:aws:iam::<", `arn:${partition}:iam::<`);
}

function keyPartition(message: unknown): string {
  const region = isMessage(message, AwsKmsKeySchema) ? (message.spec?.region ?? "") : "";
  return partitionOf(region);
}

// A bad map key. An empty key is reported at the map itself: `spec.tags.` names nothing.
function keyProblem(violation: Violation): Problem {
  const key = lastMapKey(violation);
  const path = violationPath(key === "" ? violation.field.slice(0, -1) : violation.field);
  const field = lastField(violation.field);
  const advice = field && keyLengthAdvice.get(field);
  const rule = ruleName(violation.ruleId);
  if (advice && (rule === "min_len" || rule === "max_len")) {
    return error(path, `${advice} (got ${key === "" ? '""' : String(key).length})`);
  }
  const text = describe(violation, key);
  // Standard rules read "key "" must not be empty"; messages from the proto already say "key".
  return error(path, text === violation.message ? `${text} (got ${show(key)})` : `key ${show(key)} ${text}`);
}

function describe(violation: Violation, value: unknown): string {
  const numbers = (violation.message.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  const got = ` (got ${show(value)})`;
  const rule = ruleName(violation.ruleId);
  switch (rule) {
    case "gte_lte":
    case "gt_lt":
      return `must be between ${numbers[0]} and ${numbers[1]}${got}`;
    case "gte":
      return `must be at least ${numbers[0]}${got}`;
    case "lte":
      return `must be at most ${numbers[0]}${got}`;
    case "const":
      return value === "" ? `is required: it must be ${constValue(violation.message)}` : `must be ${constValue(violation.message)}${got}`;
    case "pattern":
      return `${adviceFor(violation.field) ?? `must match ${violation.message.replace(/^.*?(`.*`).*$/, "$1")}`}${got}`;
    case "max_len":
      return `must be at most ${numbers[0]} characters (got ${String(value).length})`;
    case "min_len":
      return numbers[0] === 1 ? "must not be empty" : `must be at least ${numbers[0]} characters (got ${String(value).length})`;
    case "max_items":
      return `must have at most ${numbers[0]} items (got ${(value as unknown[]).length})`;
    case "min_items":
      return numbers[0] === 1 ? "must have at least one item" : `must have at least ${numbers[0]} items`;
    case "max_pairs":
      return `must have at most ${numbers[0]} entries (got ${Object.keys(value as object).length})`;
    case "unique":
      // Reached only when no repeated item can be found (violationToProblem names it otherwise).
      return "must not repeat an item";
    case "in":
      return `must be one of ${violation.message.replace(/^.*\[(.*)\].*$/, "$1")}${got}`;
    case "prefix":
      return `must start with ${violation.message.replace(/^.*`(.*)`.*$/, "$1")}${got}`;
    case "required":
      return lastField(violation.field) === ApiResourceMetadataSchema.field.name ? `is required: ${NAME_RULE}` : "is required";
    default:
      // CEL rules from the proto (planton's own, e.g. string.iam_principal) already read well.
      return violation.message;
  }
}

function adviceFor(path: Path): string | undefined {
  const field = lastField(path);
  return field ? patternAdvice.get(field) : undefined;
}

// The field a violation is about: the last field of its path (list and map steps come after it).
function lastField(path: Path): DescField | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const element = path[i];
    if (element.kind === "field") return element;
  }
  return undefined;
}

/** `int32.gte_lte` → `gte_lte`; `required` stays; planton's own ids fall through to their message. */
function ruleName(ruleId: string): string {
  const dot = ruleId.indexOf(".");
  return dot < 0 ? ruleId : ruleId.slice(dot + 1);
}

function constValue(message: string): string {
  return message.replace(/^.*`(.*)`.*$/, "$1");
}

function firstRepeatIndex(value: unknown): number {
  const seen = new Set<unknown>();
  const items: unknown[] = Array.isArray(value) ? value : [];
  for (let i = 0; i < items.length; i++) {
    if (seen.has(items[i])) return i;
    seen.add(items[i]);
  }
  return -1;
}

function lastMapKey(violation: Violation): unknown {
  const last = violation.field[violation.field.length - 1];
  return last?.kind === "map_sub" ? last.key : undefined;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
