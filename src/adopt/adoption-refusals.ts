import { error, type Problem } from "../core/problem";
import type { KeyFacts } from "./key-facts";

/** The planton identity a stack gives its key (the `planton:*` tags of src/program/key-tags.ts). */
export interface PlantonIdentity {
  readonly name: string;
  readonly org?: string;
  readonly env?: string;
}

/**
 * Why a live key cannot be adopted, one Problem per reason, its path the KMS property at fault:
 * pending deletion, managed by AWS, already carrying another planton stack's identity tags, or
 * properties a manifest cannot express (imported key material, a custom key store, a replica
 * rather than its primary). Empty when the key can be adopted as `into`.
 */
export function adoptionRefusals(facts: KeyFacts, into: PlantonIdentity): Problem[] {
  const problems: Problem[] = [];
  if (facts.keyState === "PendingDeletion" || facts.keyState === "PendingReplicaDeletion") {
    problems.push(error("KeyState", "the key is pending deletion; cancel the deletion first (aws kms cancel-key-deletion) to keep and adopt it"));
  }
  if (facts.keyManager === "AWS" || facts.aliases.some((alias) => alias.startsWith("alias/aws/"))) {
    problems.push(error("KeyManager", "the key is an AWS managed key (alias/aws/...); AWS owns its policy, rotation and lifetime, so it cannot be adopted"));
  }
  if (facts.origin !== "AWS_KMS") {
    const what = facts.origin === "EXTERNAL" ? "imported key material" : `key material from ${facts.origin}`;
    problems.push(error("Origin", `the key has ${what} (Origin ${facts.origin}); planton only manages keys whose material KMS generates, so this is out of scope`));
  }
  if (facts.customKeyStoreId !== undefined) {
    problems.push(error("CustomKeyStoreId", `the key lives in the custom key store ${facts.customKeyStoreId}; custom key stores are out of scope for planton`));
  }
  if (facts.multiRegionKeyType === "REPLICA") {
    problems.push(error("MultiRegionConfiguration", "the key is a replica of a multi-Region key; import its primary key, which brings its replicas along"));
  }
  const owner = plantonOwner(facts.tags);
  if (owner !== undefined && !sameIdentity(owner, into)) {
    problems.push(error("Tags", `the key already belongs to the planton stack of ${describe(owner)} (its planton:* tags say so); manage it from that manifest, or remove those tags first if that stack is gone`));
  }
  return problems;
}

/** The identity in a key's planton:* tags, if it has any. */
export function plantonOwner(tags: Readonly<Record<string, string>>): PlantonIdentity | undefined {
  const name = tags["planton:name"];
  if (name === undefined) return undefined;
  const org = tags["planton:org"];
  const env = tags["planton:env"];
  return { name, ...(org !== undefined ? { org } : {}), ...(env !== undefined ? { env } : {}) };
}

function sameIdentity(a: PlantonIdentity, b: PlantonIdentity): boolean {
  return a.name === b.name && (a.org ?? "") === (b.org ?? "") && (a.env ?? "") === (b.env ?? "");
}

function describe(identity: PlantonIdentity): string {
  const parts = [`name ${identity.name}`];
  if (identity.org !== undefined) parts.push(`org ${identity.org}`);
  if (identity.env !== undefined) parts.push(`env ${identity.env}`);
  return parts.join(", ");
}

/** True for a tag planton writes itself (kept out of `spec.tags`). */
export function isIdentityTag(key: string): boolean {
  return key.startsWith("planton:");
}
