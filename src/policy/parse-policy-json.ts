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
  // Canonicalising and checking recurse per level: a depth bound keeps a hostile document from
  // overflowing the stack. A real key policy is about six levels deep.
  const depth = nestingDepth(text);
  if (depth > maxPolicyJsonDepth) {
    return { kind: "invalid", reason: `is nested more than ${maxPolicyJsonDepth} levels deep; a key policy needs about six (Statement, Condition, operator, key, values)` };
  }
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

/** The deepest a raw policy may nest objects and arrays. */
export const maxPolicyJsonDepth = 32;

/** How deep `[` and `{` nest in JSON text, brackets inside strings aside; one pass, no recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") deepest = Math.max(deepest, ++depth);
    else if (char === "]" || char === "}") depth--;
  }
  return deepest;
}
