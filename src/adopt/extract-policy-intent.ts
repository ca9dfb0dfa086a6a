import type { JsonObject, JsonValue } from "@bufbuild/protobuf";
import { listOf, POLICY_VERSION, type PolicyDocument, type PolicyStatement } from "../policy/policy-document";
import { accountRootArn, type PolicyTarget } from "../policy/policy-target";
import { sortedUnique } from "../policy/compare-text";

/** The via-service statement ids planton writes, and the service each stands for. */
const VIA_SERVICE_SIDS: Readonly<Record<string, string>> = {
  ViaS3: "s3",
  ViaRds: "rds",
  ViaEbs: "ebs",
  ViaLambda: "lambda",
  ViaSecretsManager: "secretsmanager",
};

/** Statement ids that carry no intent of their own (the generator derives them from another). */
const DERIVED_SIDS = new Set(["KeyUsageDescribe"]);

/**
 * A guess at the `spec.policy` block (JSON names) that planton's generator would turn into
 * `doc`, read statement by statement: planton's own statement ids give admin roles, usage roles
 * and their encryption context, grant roles, cross-account ids and services; any other statement
 * becomes an extra statement when a manifest can spell it. Undefined when some statement cannot
 * be spelled at all. Only a guess: the caller builds the policy from it and compares.
 */
export function extractPolicyIntent(doc: PolicyDocument, target: PolicyTarget): JsonObject | undefined {
  if (doc.Version !== POLICY_VERSION || doc.Id !== undefined) return undefined;
  const intent: Record<string, JsonValue> = {};
  const services: JsonObject[] = [];
  const extras: JsonObject[] = [];
  for (const statement of doc.Statement) {
    const sid = statement.Sid ?? "";
    const principals = awsPrincipals(statement);
    if (DERIVED_SIDS.has(sid)) continue;
    switch (sid) {
      case "KeyAdministration":
        if (principals.length === 1) intent["adminRole"] = principals[0] as string;
        else intent["adminRoles"] = principals;
        continue;
      case "KeyUsage": {
        intent["usageRoles"] = principals;
        const context = encryptionContext(statement);
        if (Object.keys(context).length > 0) intent["encryptionContext"] = context;
        continue;
      }
      case "AwsResourceGrants":
        intent["grantRoles"] = principals;
        continue;
      case "CrossAccountUsage":
        intent["crossAccountIds"] = principals.map((arn) => /^arn:[^:]+:iam::([0-9]{12}):root$/.exec(arn)?.[1] ?? arn);
        continue;
      case "CloudWatchLogs":
        services.push(logsAccess(statement, target));
        continue;
    }
    const service = VIA_SERVICE_SIDS[sid];
    if (service !== undefined) {
      const root = accountRootArn(target.partition, target.accountId);
      const own = principals.length === 1 && principals[0] === root ? [] : principals;
      services.push(own.length > 0 ? { service, principals: own } : { service });
      continue;
    }
    const extra = extraStatement(statement);
    if (extra === undefined) return undefined;
    extras.push(extra);
  }
  if (services.length > 0) intent["services"] = services;
  if (extras.length > 0) intent["extraStatements"] = extras;
  return intent;
}

function awsPrincipals(statement: PolicyStatement): string[] {
  const principal = statement.Principal;
  if (principal === undefined || principal === "*") return [];
  return sortedUnique(listOf(principal["AWS"]));
}

function encryptionContext(statement: PolicyStatement): Record<string, string> {
  const equals = statement.Condition?.["StringEquals"] ?? {};
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(equals)) {
    const name = /^kms:EncryptionContext:(.+)$/.exec(key)?.[1];
    if (name !== undefined) context[name] = String(listOf(value)[0]);
  }
  return context;
}

function logsAccess(statement: PolicyStatement, target: PolicyTarget): JsonObject {
  const access: Record<string, string> = { service: "logs" };
  const sourceAccount = statement.Condition?.["StringEquals"]?.["aws:SourceAccount"];
  if (sourceAccount !== undefined) access["sourceAccount"] = String(listOf(sourceAccount)[0]);
  const logGroups = statement.Condition?.["ArnLike"]?.["kms:EncryptionContext:aws:logs:arn"];
  const account = access["sourceAccount"] ?? target.accountId;
  const defaultGroups = `arn:${target.partition}:logs:${target.region}:${account}:log-group:*`;
  if (logGroups !== undefined && String(listOf(logGroups)[0]) !== defaultGroups) access["sourceArn"] = String(listOf(logGroups)[0]);
  return access;
}

/** A statement as `extraStatements` spell it, or undefined when they cannot. */
function extraStatement(statement: PolicyStatement): JsonObject | undefined {
  const sid = statement.Sid ?? "";
  if (!/^[A-Za-z0-9]+$/.test(sid)) return undefined;
  if (statement.NotPrincipal !== undefined || statement.NotAction !== undefined || statement.NotResource !== undefined) return undefined;
  const principal = statement.Principal;
  if (principal === undefined || principal === "*") return undefined;
  if (Object.keys(principal).some((type) => type !== "AWS" && type !== "Service")) return undefined;
  const resources = listOf(statement.Resource);
  if (resources.length !== 1 || resources[0] !== "*") return undefined;
  const extra: Record<string, JsonValue> = { sid, actions: sortedUnique(listOf(statement.Action)) };
  if (statement.Effect !== "Allow") extra["effect"] = statement.Effect;
  const aws = listOf(principal["AWS"]);
  const service = listOf(principal["Service"]);
  if (aws.length > 0) extra["principals"] = sortedUnique(aws);
  if (service.length > 0) extra["servicePrincipals"] = sortedUnique(service);
  const conditions: JsonObject[] = [];
  for (const [operator, byKey] of Object.entries(statement.Condition ?? {})) {
    for (const [key, values] of Object.entries(byKey)) conditions.push({ operator, key, values: listOf(values).map(String) });
  }
  if (conditions.length > 0) extra["conditions"] = conditions;
  return extra;
}
