import type { AwsKmsKeyServiceAccess } from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { sortedUnique } from "./compare-text";
import { usageActions } from "./key-actions";
import type { PolicyConditions, PolicyStatement } from "./policy-document";
import { dnsSuffixOf } from "../validate/aws-partition";
import { accountRootArn, type PolicyTarget } from "./policy-target";

/** The services `services[].service` may name, in the order their statements appear in a policy. */
export const SERVICE_NAMES = ["s3", "rds", "ebs", "lambda", "secretsmanager", "logs", "cloudtrail"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** True for a service planton knows how to write statements for. */
export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

/** How a service reaches the key: through `kms:ViaService` on behalf of IAM principals, or as its own principal. */
export function serviceReach(service: ServiceName): "via-service" | "service-principal" {
  switch (service) {
    case "s3":
    case "rds":
    case "ebs":
    case "lambda":
    case "secretsmanager":
      return "via-service";
    case "logs":
    case "cloudtrail":
      return "service-principal";
  }
}

interface ViaService {
  readonly sid: string;
  /** The endpoint prefix in `kms:ViaService` (EBS calls KMS as EC2). */
  readonly endpoint: string;
  /** Whether the service creates grants for the resources it encrypts (volumes, DB instances, functions). */
  readonly grants: boolean;
}

function viaService(service: ServiceName): ViaService | undefined {
  switch (service) {
    case "s3":
      return { sid: "ViaS3", endpoint: "s3", grants: false };
    case "rds":
      return { sid: "ViaRds", endpoint: "rds", grants: true };
    case "ebs":
      return { sid: "ViaEbs", endpoint: "ec2", grants: true };
    case "lambda":
      return { sid: "ViaLambda", endpoint: "lambda", grants: true };
    case "secretsmanager":
      return { sid: "ViaSecretsManager", endpoint: "secretsmanager", grants: false };
    case "logs":
    case "cloudtrail":
      return undefined;
  }
}

/** The statement ids generated for a service, so extra statements cannot reuse them. */
export function serviceSids(service: ServiceName): readonly string[] {
  const via = viaService(service);
  if (via) return [via.sid];
  return service === "logs" ? ["CloudWatchLogs"] : ["CloudTrailEncrypt", "CloudTrailDescribe"];
}

/**
 * The statements that let one service use the key in `target`'s region. Services only work with
 * symmetric keys (checkPolicy refuses the others), so they always get the symmetric actions.
 */
export function serviceStatements(access: AwsKmsKeyServiceAccess, target: PolicyTarget): PolicyStatement[] {
  if (!isServiceName(access.service)) return [];
  const via = viaService(access.service);
  if (via) return [viaServiceStatement(via, access, target)];
  return access.service === "logs" ? [logsStatement(access, target)] : cloudTrailStatements(access, target);
}

function viaServiceStatement(via: ViaService, access: AwsKmsKeyServiceAccess, target: PolicyTarget): PolicyStatement {
  const principals = access.principals.length > 0 ? access.principals : [accountRootArn(target.partition, target.accountId)];
  const actions = [...usageActions("symmetric"), ...(via.grants ? ["kms:CreateGrant"] : [])];
  return {
    Sid: via.sid,
    Effect: "Allow",
    Principal: { AWS: sortedUnique(principals) },
    Action: sortedUnique(actions),
    Resource: "*",
    Condition: {
      StringEquals: {
        "kms:CallerAccount": callerAccounts(access, principals, target),
        "kms:ViaService": `${via.endpoint}.${target.region}.${dnsSuffixOf(target.partition)}`,
      },
    },
  };
}

// The accounts the calls come from: the one named, else those of the principals (a cross-account
// role calls as its own account), else the key's.
function callerAccounts(access: AwsKmsKeyServiceAccess, principals: readonly string[], target: PolicyTarget): string[] {
  if (access.sourceAccount) return [access.sourceAccount];
  const accounts = principals.map((arn) => /^arn:[^:]+:iam::([0-9]{12}):/.exec(arn)?.[1] ?? target.accountId);
  return sortedUnique(accounts);
}

function logsStatement(access: AwsKmsKeyServiceAccess, target: PolicyTarget): PolicyStatement {
  const account = access.sourceAccount || target.accountId;
  const logGroups = access.sourceArn || `arn:${target.partition}:logs:${target.region}:${account}:log-group:*`;
  // The log group ARN in the encryption context already pins the account; aws:SourceAccount is
  // added only when asked for, as CloudWatch Logs does not document sending it.
  const condition: Record<string, Record<string, string>> = {
    ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroups },
  };
  if (access.sourceAccount) condition.StringEquals = { "aws:SourceAccount": access.sourceAccount };
  return {
    Sid: "CloudWatchLogs",
    Effect: "Allow",
    Principal: { Service: `logs.${target.region}.${dnsSuffixOf(target.partition)}` },
    Action: usageActions("symmetric"),
    Resource: "*",
    Condition: condition,
  };
}

function cloudTrailStatements(access: AwsKmsKeyServiceAccess, target: PolicyTarget): PolicyStatement[] {
  const account = access.sourceAccount || target.accountId;
  const deputy: Record<string, Record<string, string>> = { StringEquals: { "aws:SourceAccount": account } };
  if (access.sourceArn) deputy.ArnLike = { "aws:SourceArn": access.sourceArn };
  const principal = { Service: "cloudtrail.amazonaws.com" };
  const encrypt: PolicyConditions = {
    ...deputy,
    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${target.partition}:cloudtrail:*:${account}:trail/*` },
  };
  return [
    { Sid: "CloudTrailEncrypt", Effect: "Allow", Principal: principal, Action: "kms:GenerateDataKey*", Resource: "*", Condition: encrypt },
    { Sid: "CloudTrailDescribe", Effect: "Allow", Principal: principal, Action: "kms:DescribeKey", Resource: "*", Condition: deputy },
  ];
}
