import { fromJson, type JsonObject } from "@bufbuild/protobuf";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { error, type Problem } from "../core/problem";
import { applyDefaults } from "../defaults/apply-defaults";
import type { Adoption } from "../program/program-options";
import { adoptedManifest, type AdoptedManifest } from "./adopted-manifest";
import { adoptionName } from "./adoption-name";
import { adoptionRefusals, isIdentityTag, plantonOwner, type PlantonIdentity } from "./adoption-refusals";
import type { KeyFacts } from "./key-facts";
import { policyIntent, type LivePolicy } from "./policy-intent";

/** What the user asked for besides the key (`--name`, `--org`, `--env`, the alias in `--key-id`). */
export interface AdoptionRequest {
  readonly name?: string;
  readonly org?: string;
  readonly env?: string;
  /** The alias the key was named by, when `--key-id` was an alias: it becomes `spec.alias`. */
  readonly alias?: string;
}

/** An adoption planned: the manifest to print and what the engine imports. */
export type AdoptionPlan =
  | { readonly kind: "refused"; readonly problems: readonly Problem[] }
  | { readonly kind: "planned"; readonly identity: PlantonIdentity; readonly manifest: AdoptedManifest; readonly adoption: Adoption };

/**
 * Plans the adoption of a live key: its planton identity (the flags, else the key's own
 * planton:* tags, else a name from its alias), the refusals (see adoptionRefusals; replicas
 * must agree with their primary on what planton gives them all alike), the manifest that keeps
 * the key as it is, and the ids the engine imports. Pure.
 */
export function planAdoption(facts: KeyFacts, request: AdoptionRequest): AdoptionPlan {
  const usable = facts.aliases.filter((alias) => !alias.startsWith("alias/aws/"));
  const alias = request.alias !== undefined && usable.includes(request.alias) ? request.alias : usable[0];
  const owner = plantonOwner(facts.tags);
  const identity: PlantonIdentity = {
    name: request.name ?? owner?.name ?? adoptionName(alias, facts.keyId),
    ...optional("org", request.org ?? owner?.org),
    ...optional("env", request.env ?? owner?.env),
  };
  const problems = [...adoptionRefusals(facts, identity), ...replicaRefusals(facts)];
  if (problems.length > 0) return { kind: "refused", problems };

  const draft = adoptedManifest({ facts, identity, alias, policy: { kind: "default" } });
  const keyWith = (policy?: JsonObject): AwsKmsKey => {
    const spec: JsonObject = policy === undefined ? draft.spec : { ...draft.spec, policy };
    return applyDefaults(fromJson(AwsKmsKeySchema, { apiVersion: "aws.project-planton.org/v1", kind: "AwsKmsKey", metadata: { name: identity.name }, spec }));
  };
  const policies: LivePolicy[] = [
    { target: { accountId: facts.accountId, partition: facts.partition, region: facts.region }, text: facts.policy },
    ...facts.replicas.map((r) => ({ target: { accountId: facts.accountId, partition: facts.partition, region: r.region }, text: r.policy })),
  ];
  const manifest = adoptedManifest({ facts, identity, alias, policy: policyIntent(policies, keyWith) });
  const replicaNotes = facts.replicas
    .filter((r) => alias !== undefined && !r.aliases.includes(alias))
    .map((r) => `the replica in ${r.region} has no ${alias}; the first apply creates it there`);
  const adoption: Adoption = {
    keyId: facts.keyId,
    ...optional("alias", alias),
    tags: facts.tags,
    replicas: Object.fromEntries(
      facts.replicas.map((r) => [r.region, { keyId: r.keyId, ...optional("alias", alias !== undefined && r.aliases.includes(alias) ? alias : undefined), tags: r.tags }]),
    ),
  };
  return { kind: "planned", identity, manifest: { ...manifest, notes: [...manifest.notes, ...replicaNotes] }, adoption };
}

/** Planton gives every replica the primary's description, enablement and tags; a replica that differs cannot be expressed. */
function replicaRefusals(facts: KeyFacts): Problem[] {
  const own = (tags: Readonly<Record<string, string>>): string =>
    JSON.stringify(Object.entries(tags).filter(([key]) => !isIdentityTag(key)).sort(([a], [b]) => (a < b ? -1 : 1)));
  const problems: Problem[] = [];
  for (const replica of facts.replicas) {
    const differs = [
      replica.description !== facts.description ? "description" : "",
      replica.enabled !== facts.enabled ? "enablement" : "",
      own(replica.tags) !== own(facts.tags) ? "tags" : "",
      replica.keyState.startsWith("Pending") ? `state (${replica.keyState})` : "",
    ].filter((what) => what !== "");
    if (differs.length > 0) {
      problems.push(error("MultiRegionConfiguration", `the replica in ${replica.region} differs from its primary in its ${differs.join(", ")}; planton gives every replica the primary's, so adopting it would change it (out of scope)`));
    }
  }
  return problems;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
