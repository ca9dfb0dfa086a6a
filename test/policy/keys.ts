import { fromJson, type JsonObject } from "@bufbuild/protobuf";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { applyDefaults } from "../../src/defaults/apply-defaults";
import type { PolicyDocument, PolicyStatement } from "../../src/policy/policy-document";
import type { PolicyTarget } from "../../src/policy/policy-target";

/** Shared fixtures for the policy tests: keys built the way the pipeline builds them (defaulted). */

export const ACCOUNT = "111122223333";
export const ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
export const USER = `arn:aws:iam::${ACCOUNT}:role/App`;
export const TARGET: PolicyTarget = { accountId: ACCOUNT, partition: "aws", region: "us-east-1" };

/** A defaulted key with the given spec (JSON names, as in a manifest). */
export function keyWith(spec: JsonObject, name = "test-key"): AwsKmsKey {
  const key = fromJson(AwsKmsKeySchema, { apiVersion: "aws.project-planton.org/v1", kind: "AwsKmsKey", metadata: { name }, spec });
  return applyDefaults(key);
}

/** A defaulted key with the given policy block and, optionally, more spec fields. */
export function keyWithPolicy(policy: JsonObject, spec: JsonObject = {}): AwsKmsKey {
  return keyWith({ region: "us-east-1", ...spec, policy });
}

/** The statement with this Sid; fails the test when there is none. */
export function statement(doc: PolicyDocument, sid: string): PolicyStatement {
  const found = doc.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${doc.Statement.map((s) => s.Sid).join(", ")}`);
  return found;
}

/** The Sids of a document, in order. */
export function sids(doc: PolicyDocument): (string | undefined)[] {
  return doc.Statement.map((s) => s.Sid);
}
