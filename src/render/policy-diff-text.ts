import type { ListDiff, PolicyDiff } from "../plan/plan";
import type { Palette } from "./palette";

/**
 * A key policy diff as plan text, statement by statement: `+` what a statement gains, `-` what
 * it loses, and a `broadens access` mark on each change that grants more. Lines are indented by
 * `indent`.
 */
export function renderPolicyDiffText(diff: PolicyDiff, p: Palette, indent: string): string[] {
  const title = diff.broadens ? `key policy: ${p.delete("broadens access")}` : "key policy:";
  const lines = [`${indent}${title}`];
  for (const s of diff.statements) {
    const mark = s.broadens ? ` ${p.delete("(broadens access)")}` : "";
    lines.push(`${indent}  ${statusSymbol(s.status, p)} statement ${p.strong(s.sid)} (${s.effect}, ${s.status})${mark}`);
    lines.push(...listLines("principal", s.principals, p, `${indent}      `));
    lines.push(...listLines("action", s.actions, p, `${indent}      `));
    lines.push(...listLines("condition", s.conditions, p, `${indent}      `));
  }
  return lines;
}

function statusSymbol(status: "added" | "removed" | "changed", p: Palette): string {
  switch (status) {
    case "added":
      return p.create("+");
    case "removed":
      return p.delete("-");
    case "changed":
      return p.update("~");
  }
}

function listLines(noun: string, diff: ListDiff, p: Palette, indent: string): string[] {
  return [
    ...diff.added.map((item) => `${indent}${p.create("+")} ${noun} ${item}`),
    ...diff.removed.map((item) => `${indent}${p.delete("-")} ${noun} ${item}`),
  ];
}
