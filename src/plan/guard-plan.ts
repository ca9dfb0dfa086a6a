import { error, type Problem } from "../core/problem";
import { guardBroadening, type BroadeningGuardOptions } from "./guard-broadening";
import type { Plan, PropertyChange, ResourceChange } from "./plan";

/** What the guard lets through. */
export interface GuardOptions {
  /** `--allow-replace`: the user accepts replacing or deleting keys. */
  readonly allowReplace: boolean;
}

/** Manifest fields behind the provider properties that force a key's replacement. */
const MANIFEST_FIELD: Readonly<Record<string, string>> = {
  customerMasterKeySpec: "spec.keySpec",
  keyUsage: "spec.keyUsage",
  multiRegion: "spec.multiRegion",
  primaryKeyArn: "spec.multiRegion",
};

const CONSEQUENCE =
  "the old key is scheduled for deletion, and data encrypted under it becomes undecryptable once it is deleted";
const OVERRIDE = "pass --allow-replace if that is intended";

/**
 * The safety rail: every step that would replace or delete a KMS key or replica key, and every
 * alias that would be pointed at a different key, becomes an error Problem naming the property
 * and the consequence — unless `allowReplace`. An empty list means the plan may be applied.
 */
export function guardPlan(plan: Plan, options: GuardOptions): Problem[] {
  if (options.allowReplace) return [];
  return replacements(plan).map((p) => ({ ...p, message: `${p.message}; ${OVERRIDE}` }));
}

/**
 * What the replacement rail is about, whether or not it lets the plan through: each key or replica
 * the plan replaces or deletes and each alias it points at another key, naming the property and
 * the consequence (what the person confirming an `--allow-replace` apply is reminded of).
 */
export function replacements(plan: Plan): Problem[] {
  const at = { file: plan.file };
  return plan.changes.flatMap((change): Problem[] => {
    switch (change.kind) {
      case "key":
      case "replica-key":
        return keyRefusal(change).map(([path, message]) => error(path, message, at));
      case "alias":
        return aliasRefusal(change, plan.drift).map(([path, message]) => error(path, message, at));
      case "provider":
      case "other":
        return [];
    }
  });
}

/**
 * Every safety rail's refusals of a plan: replacement (guardPlan) and broadening
 * (guardBroadening). `preview` and `apply` both guard with this, so they refuse the same plans.
 */
export function safetyRefusals(plan: Plan, options: GuardOptions & BroadeningGuardOptions): Problem[] {
  return [...guardPlan(plan, options), ...guardBroadening(plan, options)];
}

function keyRefusal(change: ResourceChange): [string, string][] {
  const what = `${change.kind === "key" ? "KMS key" : "replica key"} "${change.name}"`;
  switch (change.op) {
    case "replace": {
      const forcing = change.properties.filter((p) => p.forcesReplacement);
      if (forcing.length === 0) return [["spec", `the plan replaces ${what}: ${CONSEQUENCE}`]];
      return forcing.map((p) => [
        MANIFEST_FIELD[p.path] ?? "spec",
        `changing ${p.path} (${describe(p)}) replaces ${what}: ${CONSEQUENCE}`,
      ]);
    }
    case "delete": {
      const path = change.kind === "replica-key" ? "spec.replicaRegions" : "spec";
      const why = change.kind === "replica-key" ? "its region is no longer in spec.replicaRegions, so " : "";
      return [[path, `${why}the plan deletes ${what}: it is scheduled for deletion, and data encrypted under it becomes undecryptable once it is deleted`]];
    }
    case "create":
    case "update":
    case "same":
      return [];
  }
}

/**
 * An alias follows its key: pointing it at another key is as dangerous as replacing the key.
 * Pointing an alias that was moved by hand back at the key planton last gave it is no retarget.
 */
function aliasRefusal(change: ResourceChange, drift: readonly ResourceChange[]): [string, string][] {
  if (change.op !== "update" && change.op !== "replace") return [];
  const retarget = change.properties.find((p) => p.path === "targetKeyId");
  if (retarget === undefined) return [];
  const moved = drift.find((d) => d.urn === change.urn)?.properties.find((p) => p.path === "targetKeyId");
  if (moved !== undefined && moved.before === retarget.after) return [];
  return [["spec.alias", `alias "${change.name}" would point at a different key (${describe(retarget)}): callers using the alias would switch keys`]];
}

function describe(p: PropertyChange): string {
  return `${show(p.before)} → ${show(p.after)}`;
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "(none)";
}

/** What a plan's refusals come to, in a few words, and the flags that would let it through. */
export interface RefusalSummary {
  /** E.g. `the plan replaces or deletes a KMS key and the key policy change broadens access`. */
  readonly headline: string;
  /** E.g. `["--allow-replace", "--allow-broadening"]`. */
  readonly overrides: readonly string[];
}

/** Each safety rail's refusal, as told by the path guardPlan and guardBroadening give it. */
const REASONS: readonly { readonly matches: (path: string) => boolean; readonly subject: string; readonly says: string; readonly override: string }[] = [
  { matches: (path) => path !== "spec.alias" && path !== "spec.policy", subject: "the plan", says: "replaces or deletes a KMS key", override: "--allow-replace" },
  { matches: (path) => path === "spec.alias", subject: "the plan", says: "points an alias at a different key", override: "--allow-replace" },
  { matches: (path) => path === "spec.policy", subject: "the key policy change", says: "broadens access", override: "--allow-broadening" },
];

/**
 * The headline of a refused plan, built from the refusals themselves (guardPlan's and
 * guardBroadening's), so an alias retarget or a broadening is not reported as a key replacement.
 */
export function summarizeRefusals(refusals: readonly Problem[]): RefusalSummary {
  const reasons = REASONS.filter((reason) => refusals.some((r) => reason.matches(r.path)));
  // "the plan replaces or deletes a KMS key and points an alias at a different key": one subject, said once.
  const headline = reasons.map((r, i) => (i > 0 && reasons[i - 1]!.subject === r.subject ? r.says : `${r.subject} ${r.says}`)).join(" and ");
  return { headline, overrides: [...new Set(reasons.map((r) => r.override))] };
}
