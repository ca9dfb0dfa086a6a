import { compareText } from "./compare-text";
import type { PolicyDocument } from "./policy-document";

// A policy's canonical text: the same document always gives the same bytes, whatever order its
// object keys or string lists came in, so a deployed policy never shows a perpetual diff.
// Keys follow IAM's customary order where it has one (Version, Id, Statement; Sid, Effect,
// Principal, Action, Resource, Condition) and code-unit order elsewhere; lists of strings are
// sorted and deduplicated, and a list of one is written as the value alone, as AWS does.

const DOCUMENT_KEYS = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const LIST_FIELDS = new Set(["Action", "NotAction", "Resource", "NotResource"]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// Objects are kept as ordered entries until rendered: JavaScript objects put integer-like keys
// first whatever order they were inserted in, which would break the computed order.
type Canon = string | number | boolean | null | Canon[] | { readonly entries: ReadonlyArray<readonly [string, Canon]> };

/** The canonical JSON text of a policy document: 2-space indented, stable key and list order, no final newline. */
export function policyJson(doc: PolicyDocument): string {
  return render(canonicalDocument(doc as unknown as Json), "");
}

/**
 * The canonical text of a policy as planton sends it to KMS: compact (no indentation, so the 32 KB
 * limit is spent on the policy, not on spaces), and with every character outside the key policy
 * character set written as a JSON escape (`\u65e5`). The KMS API reference (CreateKey and
 * PutKeyPolicy, Policy) allows only tab, line feed, carriage return and U+0020 to U+00FF; an
 * escape is plain ASCII and parses back to the same string, so the policy means the same.
 */
export function sentPolicyJson(doc: PolicyDocument): string {
  return escapeOutsideKeyPolicyCharset(render(canonicalDocument(doc as unknown as Json), undefined));
}

/**
 * An upper bound on the bytes of sentPolicyJson(doc), at a fraction of its cost: the canonical
 * text drops duplicates and the brackets of one-item lists but adds nothing except the brackets
 * around a lone Statement object, and no UTF-16 unit of JSON text is sent as more than 6 bytes
 * (an escape).
 */
export function sentPolicyBytesBound(doc: PolicyDocument): number {
  return 6 * JSON.stringify(doc).length + 2;
}

/** Several policies as one canonical JSON array, indented like policyJson (for several manifests at once). */
export function policyJsonList(docs: readonly PolicyDocument[]): string {
  return render(docs.map((doc) => canonicalDocument(doc as unknown as Json)), "");
}

/** The canonical form of a policy document as a value (what policyJson prints). */
export function canonicalPolicy(doc: PolicyDocument): PolicyDocument {
  return JSON.parse(policyJson(doc)) as PolicyDocument;
}

function canonicalDocument(doc: Json): Canon {
  if (!isObject(doc)) return canonicalValue(doc);
  return ordered(doc, DOCUMENT_KEYS, (key, value) => {
    // IAM takes a single statement object too; a list of one is the same policy.
    if (key === "Statement") return (Array.isArray(value) ? value : [value]).map(canonicalStatement);
    return canonicalValue(value);
  });
}

function canonicalStatement(statement: Json): Canon {
  if (!isObject(statement)) return canonicalValue(statement);
  return ordered(statement, STATEMENT_KEYS, (key, value) => {
    if (key === "Principal" || key === "NotPrincipal") return isObject(value) ? ordered(value, [], (_, v) => canonicalList(v)) : canonicalValue(value);
    if (key === "Condition") return isObject(value) ? ordered(value, [], (_, byKey) => (isObject(byKey) ? ordered(byKey, [], (__, v) => canonicalList(v)) : canonicalValue(byKey))) : canonicalValue(value);
    if (LIST_FIELDS.has(key)) return canonicalList(value);
    return canonicalValue(value);
  });
}

// Sorted, without duplicates, and a single value unwrapped.
function canonicalList(value: Json): Canon {
  if (!Array.isArray(value)) return canonicalValue(value);
  const byText = new Map<string, Canon>();
  for (const item of value) {
    const canon = canonicalValue(item);
    byText.set(render(canon, ""), canon);
  }
  const items = [...byText.keys()].sort(compareText).map((text) => byText.get(text) as Canon);
  return items.length === 1 ? items[0] : items;
}

function canonicalValue(value: Json): Canon {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (isObject(value)) return ordered(value, [], (_, v) => canonicalValue(v));
  return value;
}

function ordered(obj: { [key: string]: Json }, known: readonly string[], f: (key: string, value: Json) => Canon): Canon {
  const present = Object.keys(obj).filter((key) => obj[key] !== undefined);
  const first = known.filter((key) => present.includes(key));
  const rest = present.filter((key) => !known.includes(key)).sort(compareText);
  return { entries: [...first, ...rest].map((key) => [key, f(key, obj[key])] as const) };
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// `indent` undefined renders compact, as JSON.stringify without a space argument would.
function render(value: Canon, indent: string | undefined): string {
  if (indent === undefined) {
    if (Array.isArray(value)) return `[${value.map((item) => render(item, undefined)).join(",")}]`;
    if (typeof value === "object" && value !== null) return `{${value.entries.map(([key, v]) => `${JSON.stringify(key)}:${render(v, undefined)}`).join(",")}}`;
    return JSON.stringify(value);
  }
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + render(item, inner)).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    if (value.entries.length === 0) return "{}";
    return `{\n${value.entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${render(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

// JSON text only holds such characters inside strings (JSON.stringify already escapes control
// characters), so escaping them there is exact. DEL and the C1 controls (U+007F to U+009F) are
// escaped too: the API reference's pattern admits them, its prose says "printable".
function escapeOutsideKeyPolicyCharset(text: string): string {
  return text.replace(/[\u007f-\u009f\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
