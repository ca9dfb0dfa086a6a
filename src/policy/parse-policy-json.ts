import { canonicalPolicy } from "./policy-json";
import type { PolicyDocument } from "./policy-document";

/** A raw `policyJson` read as a document, or why it cannot be. */
export type ParsedPolicyJson =
  | { readonly kind: "parsed"; readonly document: PolicyDocument; readonly asWritten: Readonly<Record<string, unknown>> }
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * Reads a raw `policyJson`: it must be a JSON object. The document comes back canonicalised (see
 * policyJson), so the same policy always deploys as the same bytes, and as written, so problems
 * can point at the statements and principals the way the user wrote them (see policyJsonProblems).
 */
export function parsePolicyJson(text: string): ParsedPolicyJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: "invalid", reason: `is not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "invalid", reason: "must be a JSON object with Version and Statement" };
  }
  return { kind: "parsed", document: canonicalPolicy(value as PolicyDocument), asWritten: value as Record<string, unknown> };
}
