/**
 * Manifest rules that the generated JSON Schema does not express, so an editor accepts a manifest
 * that `planton validate` still rejects. They relate several fields, depend on flags and the
 * environment, or need the whole generated policy; src/validate and src/policy check them.
 * test/schema proves each one is indeed beyond the schema.
 */
export const RULES_BEYOND_SCHEMA = [
  { id: "key-usage", rule: "keyUsage must suit keySpec (SYMMETRIC_DEFAULT -> ENCRYPT_DECRYPT, HMAC_* -> GENERATE_VERIFY_MAC, ...)" },
  { id: "rotation-symmetric-only", rule: "enableRotation: true only for SYMMETRIC_DEFAULT keys" },
  { id: "rotation-period-needs-rotation", rule: "rotationPeriodDays only with rotation on" },
  { id: "replicas-need-multi-region", rule: "replicaRegions need multiRegion: true" },
  { id: "replica-not-primary", rule: "replicaRegions must not include the primary region (which may come from --region or AWS_REGION)" },
  { id: "policy-json-exclusive", rule: "policy.policyJson excludes every structured policy field" },
  { id: "policy-json-document", rule: "policy.policyJson must be a valid key policy document" },
  { id: "policy-lockout", rule: "a policy must leave some principal able to manage the key (no lockout)" },
  { id: "policy-size", rule: "the generated policy must fit the 32 KB KMS limit" },
  { id: "statement-principal", rule: "an extra statement needs principals or servicePrincipals" },
  { id: "statement-sid-unique", rule: "extra statement sids are unique within the policy" },
] as const;
