/**
 * The shape of a KMS key policy document, as AWS reads it. Generated policies use a subset of it;
 * a raw `policyJson` may use all of it, so the optional parts (NotAction, NotResource, ...) are here.
 */
export interface PolicyDocument {
  readonly Version: string;
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}

/** One value or several: IAM accepts both and means the same. */
export type OneOrMany<T> = T | readonly T[];

/** A condition value as IAM takes it (strings mostly; `Bool` and `Numeric*` also take literals). */
export type ConditionValue = string | boolean | number;

/** `{ "StringEquals": { "kms:CallerAccount": "123456789012" } }`: operator → condition key → values. */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, OneOrMany<ConditionValue>>>>>;

/** `"*"` or principals by type: `AWS` (IAM ARNs), `Service` (service principals), others as AWS allows. */
export type PolicyPrincipal = "*" | Readonly<Record<string, OneOrMany<string>>>;

/** One statement of a key policy. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  readonly Action?: OneOrMany<string>;
  readonly NotAction?: OneOrMany<string>;
  readonly Resource?: OneOrMany<string>;
  readonly NotResource?: OneOrMany<string>;
  readonly Condition?: PolicyConditions;
}

/** The only policy language version AWS accepts for key policies planton writes. */
export const POLICY_VERSION = "2012-10-17";

/** KMS's limit on a key policy's size, in bytes. */
export const MAX_POLICY_BYTES = 32768;

/** The values of a one-or-many field as a list (`undefined` → empty). */
export function listOf<T>(value: OneOrMany<T> | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
