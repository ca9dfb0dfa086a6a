import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import type { AwsKmsKeyPolicySpec } from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { error, warning, type Problem } from "../core/problem";
import { buildPolicy } from "./build-policy";
import { sentPolicyBytesBound, sentPolicyJson } from "./policy-json";
import { MAX_POLICY_BYTES, type PolicyDocument } from "./policy-document";
import { policyJsonProblems, type PolicyKeyPlace } from "./policy-json-problems";
import { partitionOf } from "../validate/aws-partition";
import { AWS_PARTITIONS } from "../validate/aws-partitions";
import { ACCOUNT_ID_PLACEHOLDER, REGION_PLACEHOLDER, type PolicyTarget } from "./policy-target";
import { awsPrincipals, isAccountRoot, principalsAllowed, coversAction } from "./statement-grants";
import { structuredPolicyProblems } from "./structured-policy-problems";

const AT = "spec.policy";

// Actions that count as using the key, whatever its type.
const USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:Sign", "kms:Verify", "kms:GenerateMac", "kms:VerifyMac", "kms:DeriveSharedSecret", "kms:Encapsulate", "kms:Decapsulate"];

/**
 * Problems with the key policy a (defaulted) key would deploy, beyond what the proto rules check:
 * lockout, size, key-type fit, the raw policyJson's shape and principals, and warnings for
 * account roots that may decrypt and for keys nobody may use. No `policy` block means the AWS
 * default policy, which gets no check here (loadManifests warns about it where it matters: see
 * defaultPolicyWarning).
 */
export function checkPolicy(key: AwsKmsKey): Problem[] {
  const policy = key.spec?.policy;
  if (!policy) return [];
  if (policy.policyJson) return rawPolicyProblems(key, policy);
  const problems = structuredPolicyProblems(key, policy);
  const doc = buildPolicy(key, offlineTarget(key));
  if (doc.Statement.length === 0) {
    return [...problems, error(AT, "the policy grants nothing: name adminRole, usageRoles, services or other principals, or remove the policy block for the AWS default policy")];
  }
  if (isLockedOut(doc, policy)) {
    problems.push(error(`${AT}.adminRole`, `no principal may change the key policy (kms:PutKeyPolicy), so the key could never be managed again: set adminRole or adminRoles, or set bypassPolicyLockoutSafetyCheck: true if that is really meant`));
  }
  problems.push(...sizeProblems(sizeTargets(key).map((target) => buildPolicy(key, target)), AT, "the generated key policy"));
  problems.push(...rootDecryptWarnings(doc, (sid, principal) => structuredPath(policy, sid, principal)));
  if (!isUsable(doc)) problems.push(warning(AT, "no principal or service may use the key: add usageRoles, services or crossAccountIds"));
  return problems;
}

function rawPolicyProblems(key: AwsKmsKey, policy: AwsKmsKeyPolicySpec): Problem[] {
  const at = `${AT}.policyJson`;
  const structured = structuredFieldsSet(policy);
  const problems: Problem[] = [];
  if (structured.length > 0) {
    problems.push(error(at, `policyJson cannot be combined with ${structured.join(", ")}: use either the structured fields or a complete policy document`));
  }
  const { messages, document } = policyJsonProblems(policy.policyJson, keyPlace(key));
  problems.push(...messages.map((message) => error(at, message)));
  if (!document) return problems;
  if (isLockedOut(document, policy)) {
    problems.push(error(at, "no statement lets a principal change the key policy (kms:PutKeyPolicy), so the key could never be managed again: allow it to an administrator, or set bypassPolicyLockoutSafetyCheck: true if that is really meant"));
  }
  problems.push(...sizeProblems([document], at, "policyJson"));
  problems.push(...rootDecryptWarnings(document, (sid, principal, index) => ({ path: at, where: `Statement[${index}]${sid ? ` (${sid})` : ""} lets ${principal}` })));
  if (!isUsable(document)) problems.push(warning(at, "no statement lets a principal or service use the key for cryptographic operations"));
  return problems;
}

// The key's partition and region as far as the manifest says (principals must be in that partition).
function keyPlace(key: AwsKmsKey): PolicyKeyPlace {
  const region = key.spec?.region ?? "";
  return { partition: partitionOf(region), region };
}

// What the policy is judged on: the key's region, or a placeholder, and the account placeholder.
function offlineTarget(key: AwsKmsKey): PolicyTarget {
  const region = key.spec?.region || REGION_PLACEHOLDER;
  return { accountId: ACCOUNT_ID_PLACEHOLDER, partition: partitionOf(region), region };
}

// Offline the account, and without spec.region the region, are unknown, so the size is measured
// with stand-ins as long as the longest real value: a 12-digit account id and the longest region
// name of each partition (partitions also differ in ARN prefix and DNS suffix, so each is tried).
// The placeholders themselves would not do: ${AWS_REGION} is shorter than ap-southeast-1.
const SIZE_ACCOUNT_ID = "000000000000";
const LONGEST_REGIONS = AWS_PARTITIONS.map((p) => p.regions.reduce((a, b) => (b.length > a.length ? b : a), "")).filter((r) => r !== "");

// The primary's region and every replica's: each gets its own policy (and its own size).
function sizeTargets(key: AwsKmsKey): PolicyTarget[] {
  const replicas = key.spec?.replicaRegions ?? [];
  const primaries = key.spec?.region ? [key.spec.region] : LONGEST_REGIONS;
  return primaries.flatMap((primary) =>
    [primary, ...replicas].map((region) => ({ accountId: SIZE_ACCOUNT_ID, partition: partitionOf(primary), region })),
  );
}

function isLockedOut(doc: PolicyDocument, policy: AwsKmsKeyPolicySpec): boolean {
  return !policy.bypassPolicyLockoutSafetyCheck && principalsAllowed(doc.Statement, "kms:PutKeyPolicy").length === 0;
}

function isUsable(doc: PolicyDocument): boolean {
  return USE_ACTIONS.some((action) => principalsAllowed(doc.Statement, action).length > 0);
}

// Measured on the bytes planton sends (sentPolicyJson: compact, UTF-8; the KMS developer guide
// gives the limit as 32 KB, 32768 bytes); the largest of `docs` (one per region, see sizeTargets) is
// the one that must fit. `what` is the generated policy or the user's own policyJson.
function sizeProblems(docs: readonly PolicyDocument[], at: string, what: "the generated key policy" | "policyJson"): Problem[] {
  // Most policies are a few KB: a cheap bound settles them without rendering the canonical text.
  if (docs.every((doc) => sentPolicyBytesBound(doc) <= MAX_POLICY_BYTES)) return [];
  const bytes = Math.max(...docs.map((doc) => new TextEncoder().encode(sentPolicyJson(doc)).length));
  if (bytes <= MAX_POLICY_BYTES) return [];
  const fix = what === "policyJson" ? "shorten the document (fewer statements, principals or conditions)" : "use fewer principals or statements";
  return [error(at, `${what} is ${bytes} bytes as planton sends it (compact JSON), over the KMS limit of ${MAX_POLICY_BYTES}: ${fix}`)];
}

interface WarningPlace {
  readonly path: string;
  readonly where: string;
}

function rootDecryptWarnings(
  doc: PolicyDocument,
  place: (sid: string | undefined, principal: string, index: number) => WarningPlace | undefined,
): Problem[] {
  const problems: Problem[] = [];
  doc.Statement.forEach((statement, index) => {
    if (statement.Effect !== "Allow" || !coversAction(statement, "kms:Decrypt")) return;
    for (const principal of awsPrincipals(statement).filter(isAccountRoot)) {
      const at = place(statement.Sid, principal, index);
      if (at) {
        problems.push(warning(at.path, `${at.where} decrypt: an account root lets every principal of that account whose IAM policies allow it decrypt; name the roles that need it`));
      }
    }
  });
  return problems;
}

// Where in the structured fields an account root that may decrypt was named. Cross-account and
// via-service statements name account roots by design, narrowed by their own conditions.
function structuredPath(policy: AwsKmsKeyPolicySpec, sid: string | undefined, principal: string): WarningPlace | undefined {
  if (sid === "KeyUsage") {
    const i = policy.usageRoles.indexOf(principal);
    return { path: `${AT}.usageRoles[${i}]`, where: `usageRoles lets ${principal}` };
  }
  const i = policy.extraStatements.findIndex((s) => s.sid === sid);
  if (i < 0) return undefined;
  const j = policy.extraStatements[i].principals.indexOf(principal);
  return { path: `${AT}.extraStatements[${i}].principals[${j}]`, where: `extra statement ${sid} lets ${principal}` };
}

function structuredFieldsSet(policy: AwsKmsKeyPolicySpec): string[] {
  const set: Array<[string, boolean]> = [
    ["adminRole", policy.adminRole !== ""],
    ["adminRoles", policy.adminRoles.length > 0],
    ["usageRoles", policy.usageRoles.length > 0],
    ["encryptionContext", Object.keys(policy.encryptionContext).length > 0],
    ["services", policy.services.length > 0],
    ["grantRoles", policy.grantRoles.length > 0],
    ["crossAccountIds", policy.crossAccountIds.length > 0],
    ["extraStatements", policy.extraStatements.length > 0],
  ];
  return set.filter(([, isSet]) => isSet).map(([name]) => name);
}
