import type { JsonObject } from "@bufbuild/protobuf";
import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { hasErrors } from "../core/problem";
import { buildPolicy } from "../policy/build-policy";
import { checkPolicy } from "../policy/check-policy";
import { parsePolicyJson } from "../policy/parse-policy-json";
import { policyJson } from "../policy/policy-json";
import type { PolicyTarget } from "../policy/policy-target";
import { validateKey } from "../validate/validate-key";
import { consolePolicyShape } from "./console-policy-shape";
import { extractPolicyIntent } from "./extract-policy-intent";
import { samePolicy } from "./same-policy";

/** A live key policy, read back as a manifest's `spec.policy`. */
export type PolicyIntent =
  /** The AWS default policy: the manifest has no `policy` block. */
  | { readonly kind: "default" }
  /** Planton's generator reproduces the policy from this block (JSON names). */
  | { readonly kind: "intent"; readonly policy: JsonObject }
  /** Kept as `policyJson`; `reason` says why, for a comment above it. */
  | { readonly kind: "raw"; readonly policyJson: string; readonly reason: string };

/** Where each copy of the policy lives and what it says (the primary's, then each replica's). */
export interface LivePolicy {
  readonly target: PolicyTarget;
  readonly text: string;
}

/**
 * Turns live key policies back into intent: no policy block when they are the AWS default
 * policy, the structured fields when planton's own generator (buildPolicy) gives back every one
 * of them exactly (compared as samePolicy does) and the block is valid, else the primary's text as a raw `policyJson`
 * with the reason (the console's default policy is named as such). `keyWith` builds the
 * defaulted key a policy block would make.
 */
export function policyIntent(policies: readonly LivePolicy[], keyWith: (policy?: JsonObject) => AwsKmsKey): PolicyIntent {
  const primary = policies[0];
  if (primary === undefined) throw new Error("policyIntent needs the primary key's policy");
  const parsed = parsePolicyJson(primary.text);
  if (parsed.kind === "invalid") return raw(primary.text, `KMS returned a policy planton cannot read (${parsed.reason})`);
  // A block counts only when a manifest may hold it (kms:* in an extra statement may not) and
  // the generator gives back every copy of the policy from it.
  const reproduces = (key: AwsKmsKey): boolean =>
    !hasErrors([...validateKey(key), ...checkPolicy(key)]) &&
    policies.every((live) => samePolicy(live.text, policyJson(buildPolicy(key, live.target))));
  if (reproduces(keyWith(undefined))) return { kind: "default" };
  const guess = extractPolicyIntent(parsed.document, primary.target);
  if (guess !== undefined && reproduces(keyWith(guess))) return { kind: "intent", policy: guess };
  const console = consolePolicyShape(parsed.document);
  const reason = console !== undefined
    ? `this is the AWS console's default key policy (${console}); planton's generated policy has no account-root statement and other admin actions, so as intent it would change on the next apply`
    : "planton's policy fields do not reproduce it exactly, so as intent it would change on the next apply";
  return raw(primary.text, reason);
}

function raw(text: string, reason: string): PolicyIntent {
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Kept as KMS returned it: validation will say what is wrong with it.
  }
  return { kind: "raw", policyJson: pretty, reason };
}
