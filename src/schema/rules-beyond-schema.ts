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
  { id: "region-typo", rule: "a region one or two edits from a region the AWS SDK knows is a typo (other unknown names only get a warning)" },
  { id: "replica-partition", rule: "replicaRegions must be in the primary region's partition (aws, aws-cn, aws-us-gov, ...)" },
  { id: "sm2-china-only", rule: "SM2 keys, and their replicas, only in the China Regions" },
  { id: "tag-count", rule: "at most 50 tags in all, planton's own planton:* identity tags included" },
  { id: "principal-partition", rule: "policy principals must be in the key's partition" },
  { id: "policy-json-exclusive", rule: "policy.policyJson excludes every structured policy field" },
  { id: "policy-json-document", rule: "policy.policyJson must be a valid key policy document" },
  { id: "policy-lockout", rule: "a policy must leave some principal able to manage the key (no lockout)" },
  { id: "policy-size", rule: "the key policy as planton sends it (compact JSON, characters beyond Latin-1 escaped) must fit the 32 KB KMS limit" },
  { id: "statement-principal", rule: "an extra statement needs principals or servicePrincipals" },
  { id: "statement-sid-unique", rule: "extra statement sids are unique within the policy" },
] as const;
