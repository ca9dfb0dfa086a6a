import type { ListDiff, PolicyDiff } from "../plan/plan";
import { cell, code, table } from "./markdown-text";

/**
 * A key policy diff as a markdown table, one row per changed statement: what each statement
 * gains (`+`) and loses (`−`) in principals, actions and conditions, and whether it broadens access.
 */
export function policyDiffMarkdown(diff: PolicyDiff): string[] {
  if (diff.statements.length === 0) return ["Key policy: no change (formatting only)."];
  const rows = diff.statements.map((s) => [
    code(s.sid),
    s.effect,
    s.status,
    listCell(s.principals),
    listCell(s.actions),
    listCell(s.conditions),
    s.broadens ? "⚠️ **yes**" : "no",
  ]);
  const heading = diff.broadens ? "Key policy, statement by statement: ⚠️ **broadens access**" : "Key policy, statement by statement:";
  return [heading, "", ...table(["statement", "effect", "change", "principals", "actions", "conditions", "broadens"], rows)];
}

/** Added and removed items, then how many stay; unchanged items are not listed to keep rows short. */
function listCell(list: ListDiff): string {
  const items = [...list.added.map((i) => `+ ${code(i)}`), ...list.removed.map((i) => `− ${code(i)}`)];
  if (list.unchanged.length > 0) items.push(`${list.unchanged.length} unchanged`);
  return items.length === 0 ? "" : cell(items.join("\n"));
}
