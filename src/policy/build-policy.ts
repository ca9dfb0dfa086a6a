import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import type { AwsKmsKeyPolicySpec, AwsKmsKeyPolicyStatement } from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { PlantonError } from "../core/planton-error";
import { compareText, sortedUnique } from "./compare-text";
import { adminActions, cryptographicActions, GRANT_ACTIONS, keyKindOf, usageActions } from "./key-actions";
import { parsePolicyJson } from "./parse-policy-json";
import { POLICY_VERSION, type PolicyConditions, type PolicyDocument, type PolicyStatement } from "./policy-document";
import { accountRootArn, type PolicyTarget } from "./policy-target";
import { SERVICE_NAMES, serviceStatements } from "./service-statements";

/** Statement ids planton generates, in the order their statements appear. */
export const GENERATED_SIDS = [
  "KeyAdministration",
  "KeyUsage",
  "KeyUsageDescribe",
  "AwsResourceGrants",
  "CrossAccountUsage",
] as const;

/**
 * The key policy `key` gets in `target` (its primary region, or one replica's region): the AWS
 * default policy without a `policy` block, the raw `policyJson` as given, or the least-privilege
 * statements generated from the structured fields. Pure; call checkPolicy first, as a policy it
 * refuses is still built (the raw JSON must parse, though: that is a PlantonError otherwise).
 */
export function buildPolicy(key: AwsKmsKey, target: PolicyTarget): PolicyDocument {
  const policy = key.spec?.policy;
  if (!policy) return defaultPolicy(target);
  if (policy.policyJson) {
    const parsed = parsePolicyJson(policy.policyJson);
    if (parsed.kind === "invalid") {
      throw new PlantonError("usage", `cannot build the key policy of ${key.metadata?.name ?? "the key"}: spec.policy.policyJson ${parsed.reason}`);
    }
    return parsed.document;
  }
  return { Version: POLICY_VERSION, Statement: generatedStatements(key, policy, target) };
}

/** AWS's default key policy: the account root may do anything IAM policies in the account allow. */
export function defaultPolicy(target: PolicyTarget): PolicyDocument {
  return {
    Version: POLICY_VERSION,
    Id: "key-default-1",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: accountRootArn(target.partition, target.accountId) },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

function generatedStatements(key: AwsKmsKey, policy: AwsKmsKeyPolicySpec, target: PolicyTarget): PolicyStatement[] {
  const kind = keyKindOf(key);
  const statements: PolicyStatement[] = [];
  const admins = [policy.adminRole, ...policy.adminRoles].filter((arn) => arn !== "");
  if (admins.length > 0) {
    statements.push(allow("KeyAdministration", admins, adminActions(key)));
  }
  if (policy.usageRoles.length > 0) {
    const context = encryptionContextCondition(policy.encryptionContext);
    if (context) {
      // DescribeKey carries no encryption context, so the context condition would deny it:
      // it gets a statement of its own.
      statements.push({ ...allow("KeyUsage", policy.usageRoles, cryptographicActions(kind)), Condition: context });
      statements.push(allow("KeyUsageDescribe", policy.usageRoles, ["kms:DescribeKey"]));
    } else {
      statements.push(allow("KeyUsage", policy.usageRoles, usageActions(kind)));
    }
  }
  for (const service of SERVICE_NAMES) {
    const access = policy.services.find((s) => s.service === service);
    if (access) statements.push(...serviceStatements(access, target));
  }
  if (policy.grantRoles.length > 0) {
    statements.push({
      ...allow("AwsResourceGrants", policy.grantRoles, GRANT_ACTIONS),
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    });
  }
  if (policy.crossAccountIds.length > 0) {
    const roots = policy.crossAccountIds.map((id) => accountRootArn(target.partition, id));
    statements.push(allow("CrossAccountUsage", roots, usageActions(kind)));
  }
  statements.push(...policy.extraStatements.map(extraStatement));
  return statements;
}

function allow(sid: string, principals: readonly string[], actions: readonly string[]): PolicyStatement {
  return { Sid: sid, Effect: "Allow", Principal: { AWS: sortedUnique(principals) }, Action: sortedUnique(actions), Resource: "*" };
}

function encryptionContextCondition(context: { readonly [key: string]: string }): PolicyConditions | undefined {
  const keys = Object.keys(context).sort(compareText);
  if (keys.length === 0) return undefined;
  return { StringEquals: Object.fromEntries(keys.map((k) => [`kms:EncryptionContext:${k}`, context[k]])) };
}

function extraStatement(extra: AwsKmsKeyPolicyStatement): PolicyStatement {
  const principal: Record<string, string[]> = {};
  if (extra.principals.length > 0) principal.AWS = sortedUnique(extra.principals);
  if (extra.servicePrincipals.length > 0) principal.Service = sortedUnique(extra.servicePrincipals);
  // Several conditions may share an operator (StringEquals on two keys); checkPolicy refuses two
  // on the same operator and key, which one JSON condition block cannot hold.
  const condition: Record<string, Record<string, string[]>> = {};
  for (const c of extra.conditions) {
    (condition[c.operator] ??= {})[c.key] = sortedUnique(c.values);
  }
  return {
    Sid: extra.sid,
    Effect: extra.effect || "Allow",
    Principal: principal,
    Action: sortedUnique(extra.actions),
    Resource: "*",
    ...(extra.conditions.length > 0 ? { Condition: condition } : {}),
  };
}
