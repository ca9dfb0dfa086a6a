import type { ResourceChange, ResourceKind } from "./plan";

/** Type tokens of the resources planton deploys. */
export const KEY_TYPE = "aws:kms/key:Key";
export const REPLICA_KEY_TYPE = "aws:kms/replicaKey:ReplicaKey";
export const ALIAS_TYPE = "aws:kms/alias:Alias";

/** Which planton resource a Pulumi type token stands for. */
export function resourceKind(type: string): ResourceKind {
  if (type === KEY_TYPE) return "key";
  if (type === REPLICA_KEY_TYPE) return "replica-key";
  if (type === ALIAS_TYPE) return "alias";
  if (type.startsWith("pulumi:providers:")) return "provider";
  return "other";
}

/**
 * The stack and the providers: engine bookkeeping, not resources the user asked for, so plans,
 * drift and progress leave them out.
 */
export function isEngineBookkeeping(type: string): boolean {
  return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

const KIND_ORDER: Readonly<Record<ResourceKind, number>> = { key: 0, "replica-key": 1, alias: 2, provider: 3, other: 4 };

/** The order plans list resources in: keys, then replica keys, then aliases, each by name. */
export function byKindThenName(a: ResourceChange, b: ResourceChange): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
