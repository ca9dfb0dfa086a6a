import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { diffPolicies } from "../../src/plan/policy-diff";
import type { Plan, ResourceChange } from "../../src/plan/plan";
import type { StackPreview } from "../../src/render/plan-json";

// Plans built by hand for the markdown and JSON golden tests (test/golden/markdown-*, json-*).
// Regenerate with UPDATE_GOLDEN=1 npx jest test/render/plan-markdown test/render/plan-json, then
// read the diff before committing; a missing golden file fails the test.

const GOLDEN = join(__dirname, "..", "golden");

/** The golden file's text; written from `actual` only under UPDATE_GOLDEN=1. */
export function golden(name: string, actual: string): string {
  const path = join(GOLDEN, name);
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: run with UPDATE_GOLDEN=1 and review it`);
  return readFileSync(path, "utf8");
}

const ADMIN = "arn:aws:iam::123456789012:role/SecurityAdmin";
const APP = "arn:aws:iam::123456789012:role/RDSServiceRole";
const NEWCOMER = "arn:aws:iam::123456789012:role/Analytics";

const adminStatement = {
  Sid: "KeyAdministration",
  Effect: "Allow",
  Principal: { AWS: ADMIN },
  Action: ["kms:Describe*", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"],
  Resource: "*",
};
const useStatement = {
  Sid: "KeyUsage",
  Effect: "Allow",
  Principal: { AWS: [APP] },
  Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
  Resource: "*",
  Condition: { StringEquals: { "kms:EncryptionContext:App": "CustomerDatabase" } },
};

/** The policy before: admin and usage statements. */
export const POLICY_BEFORE = JSON.stringify({ Version: "2012-10-17", Statement: [adminStatement, useStatement] });

/** The policy after: a new usage principal and action, the encryption-context condition dropped, reformatted. */
export const POLICY_AFTER = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [
      { ...useStatement, Principal: { AWS: [APP, NEWCOMER] }, Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"], Condition: undefined },
      { ...adminStatement, Action: ["kms:describe*", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"] },
    ],
  },
  null,
  2,
);

const KEY_URN = "urn:pulumi:acme-prod-rds-primary::planton::aws:kms/key:Key::key";
const ALIAS_URN = "urn:pulumi:acme-prod-rds-primary::planton::aws:kms/alias:Alias::alias";

function alias(op: ResourceChange["op"]): ResourceChange {
  const properties: ResourceChange["properties"] =
    op === "create" ? [{ path: "name", kind: "add", after: "alias/prod/rds-primary", forcesReplacement: false }] : [];
  return { urn: ALIAS_URN, type: "aws:kms/alias:Alias", name: "alias", kind: "alias", op, properties };
}

/** A key whose description changes and whose policy broadens. */
export function policyUpdatePlan(): Plan {
  const key: ResourceChange = {
    urn: KEY_URN,
    type: "aws:kms/key:Key",
    name: "key",
    kind: "key",
    op: "update",
    properties: [
      { path: "description", kind: "update", before: "Production RDS cluster encryption key", after: "Primary RDS | Aurora key", forcesReplacement: false },
      { path: "policy", kind: "update", before: POLICY_BEFORE, after: POLICY_AFTER, forcesReplacement: false },
    ],
    policy: diffPolicies(POLICY_BEFORE, POLICY_AFTER),
  };
  return {
    stack: "acme-prod-rds-primary",
    file: "keys/rds.yaml",
    name: "rds-primary",
    changes: [key, alias("same")],
    summary: { create: 0, update: 1, replace: 0, delete: 0, same: 1 },
    monthlyCostUsd: 1,
    hiddenChanges: 0,
    drift: [],
  };
}

/** A new key and alias: ten key properties, so the table folds. */
export function createPlan(stack = "acme-dev-logs"): Plan {
  const inputs: Record<string, unknown> = {
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    deletionWindowInDays: 30,
    description: "Log encryption key",
    enableKeyRotation: true,
    isEnabled: true,
    keyUsage: "ENCRYPT_DECRYPT",
    multiRegion: false,
    policy: POLICY_BEFORE,
    rotationPeriodInDays: 365,
    tags: { "planton:name": "logs" },
  };
  const key: ResourceChange = {
    urn: KEY_URN.replace("acme-prod-rds-primary", stack),
    type: "aws:kms/key:Key",
    name: "key",
    kind: "key",
    op: "create",
    properties: Object.entries(inputs).map(([path, after]) => ({ path, kind: "add", after, forcesReplacement: false })),
  };
  return {
    stack,
    file: "keys/logs.yaml",
    name: "logs",
    changes: [key, alias("create")],
    summary: { create: 2, update: 0, replace: 0, delete: 0, same: 0 },
    monthlyCostUsd: 1,
    hiddenChanges: 0,
    drift: [],
  };
}

/** The previews of three stacks: one broadening update, one create, one failed. */
export function mixedPreviews(): StackPreview[] {
  const update = policyUpdatePlan();
  const create = createPlan();
  return [
    { stack: update.stack, file: update.file, name: update.name, plan: update, refusals: [] },
    { stack: create.stack, file: create.file, name: create.name, plan: create, refusals: [] },
    { stack: "acme-prod-audit", file: "keys/audit.yaml", name: "audit", refusals: [], error: "cannot preview stack acme-prod-audit: the KMS endpoint refused the credentials" },
  ];
}
