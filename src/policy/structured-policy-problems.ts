import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import type { AwsKmsKeyPolicySpec, AwsKmsKeyPolicyStatement } from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { error, warning, type Problem } from "../core/problem";
import { partitionOf } from "../validate/aws-partition";
import { GENERATED_SIDS } from "./build-policy";
import { keyKindOf } from "./key-actions";
import { isServiceName, SERVICE_NAMES, serviceReach, serviceSids } from "./service-statements";

// The rules on the structured policy fields that the proto rules cannot say: they depend on the
// key's type or on several fields at once. Principal syntax is the proto's job (iam_principal).

const AT = "spec.policy";

/** Problems of the structured policy fields of a (defaulted) key. */
export function structuredPolicyProblems(key: AwsKmsKey, policy: AwsKmsKeyPolicySpec): Problem[] {
  return [...encryptionContextProblems(key, policy), ...serviceProblems(key, policy), ...extraStatementProblems(policy)];
}

function encryptionContextProblems(key: AwsKmsKey, policy: AwsKmsKeyPolicySpec): Problem[] {
  if (Object.keys(policy.encryptionContext).length === 0) return [];
  if (keyKindOf(key) !== "symmetric") {
    return [error(`${AT}.encryptionContext`, `encryption context conditions need a SYMMETRIC_DEFAULT key: KMS takes no encryption context on a ${describeKey(key)} key; remove encryptionContext`)];
  }
  if (policy.usageRoles.length === 0) {
    return [warning(`${AT}.encryptionContext`, "encryptionContext constrains usageRoles, and there are none: it has no effect")];
  }
  return [];
}

function serviceProblems(key: AwsKmsKey, policy: AwsKmsKeyPolicySpec): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  policy.services.forEach((access, i) => {
    const at = `${AT}.services[${i}]`;
    if (!isServiceName(access.service)) return; // the proto rule names the allowed services
    if (seen.has(access.service)) {
      problems.push(error(`${at}.service`, `${access.service} is listed more than once; list all its principals in one entry`));
    }
    seen.add(access.service);
    if (keyKindOf(key) !== "symmetric") {
      problems.push(error(`${at}.service`, `${access.service} encrypts only with SYMMETRIC_DEFAULT keys, and this key is ${describeKey(key)}`));
    }
    switch (serviceReach(access.service)) {
      case "via-service":
        if (access.sourceArn) {
          problems.push(error(`${at}.sourceArn`, `sourceArn applies to logs and cloudtrail only; ${access.service} is used through kms:ViaService by the listed principals, which sourceAccount and principals narrow`));
        }
        break;
      case "service-principal":
        if (access.principals.length > 0) {
          problems.push(error(`${at}.principals`, `principals do not apply to ${access.service}: the service's own principal uses the key; narrow it with sourceAccount and sourceArn`));
        }
        if (access.sourceArn && !new RegExp(`^arn:[a-z-]+:${access.service}:`).test(access.sourceArn)) {
          // The example is written for the key's own region and partition.
          const region = key.spec?.region || "us-east-1";
          const prefix = `arn:${partitionOf(region)}:${access.service}:${region}:111122223333`;
          const example = access.service === "logs" ? `${prefix}:log-group:NAME` : `${prefix}:trail/NAME`;
          problems.push(error(`${at}.sourceArn`, `must be a ${access.service} ARN such as ${example} (got "${access.sourceArn}")`));
        }
        break;
    }
  });
  return problems;
}

function extraStatementProblems(policy: AwsKmsKeyPolicySpec): Problem[] {
  const problems: Problem[] = [];
  const generated = new Set<string>([...GENERATED_SIDS, ...SERVICE_NAMES.flatMap(serviceSids)]);
  const earlier = new Set<string>();
  policy.extraStatements.forEach((extra, i) => {
    const at = `${AT}.extraStatements[${i}]`;
    if (generated.has(extra.sid) || earlier.has(extra.sid)) {
      const owner = generated.has(extra.sid) ? "a statement planton generates" : "an earlier extra statement";
      problems.push(error(`${at}.sid`, `"${extra.sid}" is already the sid of ${owner}; statement ids must be unique`));
    }
    earlier.add(extra.sid);
    if (extra.principals.length === 0 && extra.servicePrincipals.length === 0) {
      problems.push(error(`${at}.principals`, "a statement needs at least one of principals and servicePrincipals"));
    }
    problems.push(...conditionProblems(extra, at));
  });
  return problems;
}

// One JSON condition block holds each operator/key pair once; two would silently become one.
function conditionProblems(extra: AwsKmsKeyPolicyStatement, at: string): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  extra.conditions.forEach((c, j) => {
    const pair = `${c.operator} ${c.key}`;
    const first = seen.get(pair);
    if (first !== undefined) {
      problems.push(error(`${at}.conditions[${j}]`, `repeats ${c.operator} on ${c.key} from conditions[${first}]; put all values in one condition (any one matching is enough)`));
    } else {
      seen.set(pair, j);
    }
  });
  return problems;
}

function describeKey(key: AwsKmsKey): string {
  return `${KeySpec[key.spec?.keySpec ?? KeySpec.KEY_SPEC_UNSPECIFIED]} ${KeyUsage[key.spec?.keyUsage ?? KeyUsage.KEY_USAGE_UNSPECIFIED]}`;
}
