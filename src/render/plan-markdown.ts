import { hasChanges } from "../plan/build-plan";
import type { ChangeOp, Plan, PlanSummary, PropertyChange, ResourceChange } from "../plan/plan";
import { UNKNOWN_VALUE } from "../plan/unknown-value";
import { plannedCountWords } from "./change-count-words";
import { cell, code, folded, table } from "./markdown-text";
import type { StackPreview } from "./plan-json";
import { policyDiffMarkdown } from "./policy-diff-markdown";

/** GitHub refuses comments over 65,536 characters; planton's markdown always stays under this. */
export const MARKDOWN_LIMIT = 60_000;

/** Property tables longer than this are folded into `<details>`. */
const FOLD_ROWS = 8;
/** Longest value shown in a table cell, in characters. */
const VALUE_WIDTH = 120;

/**
 * A preview as GitHub-flavoured markdown for pull-request comments and the job summary: totals
 * first, then a section per stack with its resource changes and the key policy diff as a table.
 * Long tables are folded; stack sections that do not fit under MARKDOWN_LIMIT are shortened,
 * then left out, and a "Truncated" line says so.
 */
export function renderPlanMarkdown(previews: readonly StackPreview[]): string {
  const budget = MARKDOWN_LIMIT - 1_000; // room for the truncation line
  let text = headerLines(previews, budget / 2).join("\n");
  let shortened = 0;
  let omitted = 0;
  for (const preview of previews) {
    const full = stackSection(preview).join("\n");
    const short = stackSection(preview, { brief: true }).join("\n");
    if (omitted === 0 && text.length + full.length + 2 <= budget) text += `\n\n${full}`;
    else if (omitted === 0 && text.length + short.length + 2 <= budget) {
      text += `\n\n${short}`;
      shortened += 1;
    } else omitted += 1;
  }
  if (shortened + omitted > 0) text += `\n\n${truncationLine(shortened, omitted)}`;
  return `${text}\n`;
}

function truncationLine(shortened: number, omitted: number): string {
  const parts = [shortened > 0 ? `${shortened} stack section(s) shortened` : "", omitted > 0 ? `${omitted} left out` : ""].filter((p) => p !== "");
  return `**Truncated:** ${parts.join(", ")} to stay under ${MARKDOWN_LIMIT.toLocaleString("en-US")} characters; run \`planton preview --output json\` for the full plan.`;
}

function headerLines(previews: readonly StackPreview[], budget: number): string[] {
  const plans = previews.flatMap((p) => (p.plan === undefined ? [] : [p.plan]));
  const total = sumSummaries(plans.map((p) => p.summary));
  const cost = plans.reduce((sum, p) => sum + p.monthlyCostUsd, 0);
  const lines = [
    "## planton preview",
    "",
    `**${previews.length} stack${previews.length === 1 ? "" : "s"}: ${plannedCountWords(total)}** · monthly cost after apply: $${cost.toFixed(2)}`,
  ];
  const alerts = [
    ...previews.filter((p) => broadens(p.plan)).map((p) => `> ⚠️ **Broadens access:** the key policy of ${code(p.stack)} grants more than before.`),
    ...previews.filter((p) => (p.plan?.drift.length ?? 0) > 0).map((p) => `> 🔀 **Changed outside planton:** ${resourceCount(p.plan?.drift.length ?? 0)} of ${code(p.stack)} differ from the last apply; apply puts the manifest back.`),
    ...previews.flatMap((p) => p.refusals.map((r) => `> ⛔ **Refused:** ${code(p.stack)}: ${oneLine(r.message)}`)),
    ...previews.filter((p) => p.error !== undefined).map((p) => `> ❌ **Failed:** ${code(p.stack)}: ${oneLine(p.error ?? "")}`),
  ];
  if (alerts.length > 0) lines.push("", ...alerts.flatMap((a, i) => (i === 0 ? [a] : [">", a])));
  const rows: string[][] = [];
  let used = lines.join("\n").length;
  for (const p of previews) {
    const row = [cell(code(p.stack)), cell(code(p.file)), ...countCells(p.plan), status(p)];
    used += row.join(" | ").length + 4;
    if (used > budget) break;
    rows.push(row);
  }
  lines.push("", ...table(["stack", "manifest", "create", "update", "replace", "delete", "status"], rows));
  if (rows.length < previews.length) lines.push("", `…and ${previews.length - rows.length} more stacks.`);
  return lines;
}

function resourceCount(count: number): string {
  return `${count} resource${count === 1 ? "" : "s"}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

function countCells(plan: Plan | undefined): string[] {
  return (["create", "update", "replace", "delete"] as const).map((op) => (plan === undefined ? "–" : String(plan.summary[op])));
}

function status(preview: StackPreview): string {
  if (preview.error !== undefined) return "❌ failed";
  if (preview.refusals.length > 0) return "⛔ refused";
  if (broadens(preview.plan)) return "⚠️ broadens access";
  if ((preview.plan?.drift.length ?? 0) > 0) return "🔀 changed outside planton";
  return preview.plan !== undefined && hasChanges(preview.plan) ? "changes" : "no changes";
}

function stackSection(preview: StackPreview, options: { brief?: boolean } = {}): string[] {
  const lines = [`### ${code(preview.stack)}`, ""];
  const plan = preview.plan;
  if (plan === undefined) return [...lines, `${code(preview.name)} from ${code(preview.file)}: ❌ preview failed: ${oneLine(preview.error ?? "unknown error")}`];
  lines.push(`${code(preview.name)} from ${code(preview.file)} · ${plannedCountWords(plan.summary)} · monthly cost after apply: $${plan.monthlyCostUsd.toFixed(2)}`);
  for (const refusal of preview.refusals) lines.push("", `⛔ **Refused** (${code(refusal.path)}): ${oneLine(refusal.message)}`);
  if (options.brief === true) return [...lines, "", "_Details left out to fit the size limit._"];
  if (plan.drift.length > 0) lines.push("", "**Changed outside planton since the last apply** (before: last applied, after: live):");
  for (const change of plan.drift) lines.push("", ...driftResourceLines(change));
  const changes = plan.changes.filter((c) => c.op !== "same");
  if (changes.length === 0) lines.push("", plan.drift.length > 0 ? "No changes to the resources: the live values match the manifest. Apply records them in the stack's state." : "No changes. The stack matches the manifest.");
  for (const change of changes) lines.push("", ...resourceLines(change));
  const same = plan.changes.filter((c) => c.op === "same");
  if (same.length > 0) {
    const list = same.map((c) => `- ${code(c.name)} (${code(c.type)})`);
    lines.push("", ...folded(`${same.length} unchanged resource${same.length === 1 ? "" : "s"}`, list));
  }
  return lines;
}

const OP_HEADING: Readonly<Record<Exclude<ChangeOp, "same">, string>> = {
  create: "➕ create",
  update: "🔄 update in place",
  replace: "♻️ replace",
  delete: "➖ delete",
};

function resourceLines(change: ResourceChange): string[] {
  return detailLines(`**${OP_HEADING[change.op as Exclude<ChangeOp, "same">]}** ${code(change.name)} (${code(change.type)})`, change);
}

function driftResourceLines(change: ResourceChange): string[] {
  if (change.op === "delete") return [`**🔀 gone from the cloud** ${code(change.name)} (${code(change.type)}): deleted, or scheduled for deletion`];
  return detailLines(`**🔀 changed** ${code(change.name)} (${code(change.type)})`, change);
}

function detailLines(heading: string, change: ResourceChange): string[] {
  const rows = change.properties.map((p) => propertyRow(p, change.policy !== undefined));
  const lines = [heading];
  if (rows.length > 0) {
    const rendered = table(["property", "before", "after"], rows);
    lines.push("", ...(rows.length > FOLD_ROWS ? folded(`${rows.length} properties`, rendered) : rendered));
  }
  if (change.policy !== undefined) lines.push("", ...policyDiffMarkdown(change.policy));
  return lines;
}

function propertyRow(property: PropertyChange, policyShownBelow: boolean): string[] {
  const name = `${code(property.path)}${property.forcesReplacement ? " **(forces replacement)**" : ""}`;
  if (policyShownBelow && property.path === "policy") return [name, "", "_statement by statement below_"];
  const before = property.kind === "add" ? "" : valueCell(property.before);
  const after = property.kind === "delete" ? "" : valueCell(property.after);
  return [name, before, after];
}

function valueCell(value: unknown): string {
  if (value === UNKNOWN_VALUE) return "_(known after apply)_";
  const text = value === undefined ? "null" : JSON.stringify(value);
  return cell(code(text.length > VALUE_WIDTH ? `${text.slice(0, VALUE_WIDTH - 1)}…` : text));
}

function sumSummaries(summaries: readonly PlanSummary[]): PlanSummary {
  const total = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const s of summaries) for (const op of Object.keys(total) as ChangeOp[]) total[op] += s[op];
  return total;
}

function broadens(plan: Plan | undefined): boolean {
  return plan?.changes.some((c) => c.policy?.broadens === true) ?? false;
}
