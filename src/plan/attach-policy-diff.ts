import type { ResourceChange } from "./plan";
import { diffPolicies } from "./policy-diff";

/**
 * Gives a change whose key policy is updated its statement-level policy diff. A policy that only
 * changed in formatting is no change: its property is dropped, and an update left with nothing
 * else to change becomes `same`, so a reformatted policy never shows as a perpetual diff.
 */
export function attachPolicyDiff(change: ResourceChange): ResourceChange {
  const property = change.properties.find((p) => p.path === "policy" && p.kind === "update");
  if (property === undefined || typeof property.before !== "string" || typeof property.after !== "string") return change;
  // An unknown value (known after apply) is a marker string that is no JSON: nothing to compare yet.
  if (!looksLikeJson(property.before) || !looksLikeJson(property.after)) return change;
  const policy = diffPolicies(property.before, property.after);
  if (policy.statements.length > 0) return { ...change, policy };
  const properties = change.properties.filter((p) => p !== property);
  return { ...change, properties, op: change.op === "update" && properties.length === 0 ? "same" : change.op };
}

function looksLikeJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null;
  } catch {
    return false;
  }
}
