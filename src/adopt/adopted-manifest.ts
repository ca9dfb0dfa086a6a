import { Document, isScalar, type YAMLMap } from "yaml";
import type { JsonObject, JsonValue } from "@bufbuild/protobuf";
import { isIdentityTag, type PlantonIdentity } from "./adoption-refusals";
import type { KeyFacts } from "./key-facts";
import type { PolicyIntent } from "./policy-intent";

/** What an adopted key's manifest is made of, besides the live key. */
export interface AdoptedManifestInput {
  readonly facts: KeyFacts;
  readonly identity: PlantonIdentity;
  /** The alias `spec.alias` keeps (the one asked for, else the first); undefined when the key has none. */
  readonly alias: string | undefined;
  readonly policy: PolicyIntent;
}

/** The manifest's text and its parts, for the loader and for the notes printed with it. */
export interface AdoptedManifest {
  /** The `spec` in JSON names, without comments (what `text` says). */
  readonly spec: JsonObject;
  /** The YAML document, commented. */
  readonly text: string;
  /** One sentence each: what the first apply will still do, and what stays unmanaged. */
  readonly notes: readonly string[];
}

/**
 * The manifest that keeps a live key exactly as it is: key spec and usage, rotation and its
 * period, enablement, description, multi-Region replicas, its own tags (planton's identity tags
 * left to the program), the alias, and the policy as intent or raw JSON with the reason in a
 * comment. Pure: the YAML is built from data, its comments say what a reader needs to know.
 */
export function adoptedManifest(input: AdoptedManifestInput): AdoptedManifest {
  const { facts, identity } = input;
  const spec: Record<string, JsonValue> = { region: facts.region };
  if (input.alias !== undefined) spec["alias"] = input.alias;
  if (facts.description !== "") spec["description"] = facts.description;
  spec["keySpec"] = facts.keySpec;
  spec["keyUsage"] = facts.keyUsage;
  spec["enableRotation"] = facts.rotationEnabled;
  if (facts.rotationEnabled && facts.rotationPeriodDays !== undefined) spec["rotationPeriodDays"] = facts.rotationPeriodDays;
  if (!facts.enabled) spec["enabled"] = false;
  if (facts.multiRegion) spec["multiRegion"] = true;
  if (facts.replicas.length > 0) spec["replicaRegions"] = facts.replicas.map((r) => r.region);
  const tags = Object.fromEntries(Object.entries(facts.tags).filter(([key]) => !isIdentityTag(key) && !/^aws:/i.test(key)));
  if (Object.keys(tags).length > 0) spec["tags"] = tags;
  switch (input.policy.kind) {
    case "default":
      break;
    case "intent":
      spec["policy"] = input.policy.policy;
      break;
    case "raw":
      spec["policy"] = { policyJson: input.policy.policyJson };
      break;
  }
  const metadata: Record<string, string> = { name: identity.name };
  if (identity.org !== undefined) metadata["org"] = identity.org;
  if (identity.env !== undefined) metadata["env"] = identity.env;

  const doc = new Document({ apiVersion: "aws.project-planton.org/v1", kind: "AwsKmsKey", metadata, spec });
  doc.commentBefore = ` Adopted by planton import from ${facts.arn}.\n KMS does not report a key's deletion window: deletionWindowDays is planton's default (30).\n Check it with: planton preview -f <this file> --detailed-exitcode`;
  const specNode = doc.get("spec", true) as YAMLMap;
  commentKey(specNode, "keySpec", " Adopted as it is; changing keySpec, keyUsage or multiRegion replaces the key.");
  if (input.policy.kind === "raw") commentKey(specNode, "policy", ` Kept as raw JSON: ${input.policy.reason}.`);
  return { spec, text: doc.toString({ lineWidth: 0 }), notes: notesFor(input) };
}

function commentKey(map: YAMLMap, key: string, comment: string): void {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  if (pair !== undefined && isScalar(pair.key)) pair.key.commentBefore = comment;
}

function notesFor(input: AdoptedManifestInput): string[] {
  const { facts } = input;
  const notes = [
    "the first apply adds planton's identity tags (planton:name, planton:kind and planton:org/env when set) to the key; nothing else changes",
  ];
  if (input.alias === undefined) {
    notes.push(`the key has no alias; the first apply creates alias/${input.identity.name} (spec.alias's default)`);
  }
  const unmanaged = facts.aliases.filter((alias) => alias !== input.alias);
  if (unmanaged.length > 0) {
    notes.push(`planton manages one alias per key: ${unmanaged.join(", ")} ${unmanaged.length === 1 ? "stays" : "stay"} as ${unmanaged.length === 1 ? "it is" : "they are"}, outside the stack`);
  }
  return notes;
}
