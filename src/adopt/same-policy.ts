import { diffPolicies } from "../plan/policy-diff";

/**
 * True when two key policy texts are the same policy: no statement differs after the
 * normalisation the plan's policy diff uses (order, case of actions, one value vs a list, ...),
 * and the document Id and the statement Sids are the same too, since the AWS provider compares
 * those and would otherwise propose an update.
 */
export function samePolicy(a: string, b: string): boolean {
  const [left, right] = [outline(a), outline(b)];
  if (left === undefined || right === undefined) return false;
  if (left.id !== right.id || left.sids !== right.sids) return false;
  return diffPolicies(a, b).statements.length === 0;
}

function outline(text: string): { id: string; sids: string } | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return undefined;
  const record = doc as Record<string, unknown>;
  const raw = record["Statement"];
  const statements: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const sids = statements.map((s) => (typeof s === "object" && s !== null ? String((s as Record<string, unknown>)["Sid"] ?? "") : "")).sort();
  return { id: typeof record["Id"] === "string" ? record["Id"] : "", sids: JSON.stringify(sids) };
}
