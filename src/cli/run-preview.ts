import type { Engine } from "../engine/engine";
import { visibleChanges } from "../plan/build-plan";
import type { Plan } from "../plan/plan";
import { summarizeRefusals } from "../plan/guard-plan";
import { changeCountWords } from "../render/change-count-words";
import { inventoryEntryJson } from "../render/inventory-json";
import { orphanLine } from "../render/inventory-text";
import { planJson, stackPreviews } from "../render/plan-json";
import { errorMessage } from "../render/run-json";
import { renderPlanMarkdown } from "../render/plan-markdown";
import { renderPlanText } from "../render/plan-text";
import { previewStacks, type PreviewStackOptions, type StackPlan } from "../stack/preview-stack";
import { previewOrphans } from "../stack/stack-inventory";
import type { StackResult } from "../stack/run-stacks";
import { ExitCode } from "./exit";
import { exitOnSignal } from "./exit-on-signal";
import type { Io, Writer } from "./io";
import { printDocument } from "./print-document";
import { colorFor, printProblems, type ColorFlags } from "./print-problems";
import { reportPrinter } from "./print-run";
import { appendStepSummary } from "./step-summary";
import { writeSavedPlan } from "./write-saved-plan";
import { finishRun, stackContext, type StackCommandOptions } from "./run-stacks";

/** `planton preview`'s options once flags are parsed. */
export interface PreviewOptions extends StackCommandOptions {
  readonly output: "text" | "json" | "markdown";
  readonly detailedExitcode: boolean;
  readonly allowReplace: boolean;
  /** `--allow-broadening`: a key policy change that broadens access passes off a terminal. */
  readonly allowBroadening: boolean;
  /** False under `--no-step-summary`: do not append the markdown to GITHUB_STEP_SUMMARY. */
  readonly stepSummary: boolean;
  /** False under `--no-refresh`. */
  readonly refresh: boolean;
  /** `--out FILE`: save the plan for `apply --plan`. */
  readonly out?: string;
}

/**
 * Previews every manifest's stack and prints the plans: text per stack on stdout as it comes, or
 * one markdown or JSON document for all (JSON also when it fails). A plan a safety rail refuses
 * fails its stack, as apply would refuse it: a broadening passes only at a terminal (where apply
 * would ask) or with --allow-broadening, so a CI preview fails on what a CI apply refuses. Exit 1
 * on any failure; with --detailed-exitcode 2 when something would change, else 0.
 */
export async function runPreview(options: PreviewOptions, io: Io, engine: Engine): Promise<ExitCode> {
  const planOut = options.output === "text" ? io.stdout : undefined;
  const report = reportPrinter(io, options, (r) => r.kind === "planned" && printPlanned(io, planOut, r, options));
  // At a terminal apply would ask, and the person at it decides on a broadening: preview refuses what apply would.
  const preview: PreviewStackOptions = { allowReplace: options.allowReplace, allowBroadening: options.allowBroadening, interactive: io.stdinIsTTY, refresh: options.refresh };
  const ctx = stackContext(io, engine, options, report);
  const run = await previewStacks({ ...options, ...preview, save: options.out !== undefined }, ctx);
  const finished = finishRun(io, "preview", run, describePreview);
  const saved = options.out === undefined || run.results.length === 0 || writeSavedPlan(io, options.out, run, preview);
  const exitCode = saved ? finished : ExitCode.failure;
  // With -f DIR, the stacks in the backend that no manifest of the fleet claims: one line each.
  const restore = exitOnSignal();
  const orphans = await previewOrphans(options, run, ctx).finally(restore);
  if (orphans?.error !== undefined) io.stderr.write(`warning: cannot look for orphaned stacks: ${errorMessage(orphans.error)}\n`);
  for (const entry of orphans?.stacks ?? []) io.stderr.write(`${orphanLine(entry)}\n`);
  const previews = stackPreviews(run);
  // Markdown (stdout and the GitHub job summary) is rendered once all stacks are in: totals come first.
  const markdown = previews.length > 0 ? renderPlanMarkdown(previews) : undefined;
  const orphansJson = orphans?.ok === true ? orphans.stacks.map((entry) => inventoryEntryJson(entry, true)) : null;
  printDocument(io, options.output, { data: { ...planJson(previews, run), orphans: orphansJson }, ...(markdown !== undefined ? { markdown } : {}) });
  if (markdown !== undefined) appendStepSummary(markdown, io, { enabled: options.stepSummary });
  if (exitCode !== ExitCode.ok) return exitCode;
  return options.detailedExitcode && run.results.some((r) => r.changed) ? ExitCode.changes : ExitCode.ok;
}

/**
 * A stack's plan as it comes, for preview and apply: the plan text on `planOut` (none where
 * stdout carries a document), the hidden-changes note, and the safety rails' refusals.
 */
export function printPlanned(io: Io, planOut: Writer | undefined, planned: { plan: Plan; refusals: StackPlan["refusals"] }, flags: ColorFlags): void {
  if (planOut !== undefined) planOut.write(`${renderPlanText(planned.plan, { colour: colorFor(flags, planOut, io) })}\n`);
  noteHiddenChanges(planned.plan, io);
  if (planned.refusals.length > 0) printProblems(io, planned.refusals, flags);
}

function describePreview(result: StackResult<StackPlan>): string {
  const { plan, refusals } = result.detail ?? { refusals: [] };
  if (refusals.length > 0) {
    const refused = summarizeRefusals(refusals);
    return `refused: ${refused.headline} (pass ${refused.overrides.join(" and ")})`;
  }
  return plan !== undefined ? changeCountWords(plan.summary, "planned") : "";
}

/**
 * The plan shows keys and aliases only; when nothing else changes but a provider (a new
 * --profile or --endpoint-url) or the stack resource, says so on stderr, so "no changes" next to
 * exit 2 or a confirmation prompt is not a mystery.
 */
export function noteHiddenChanges(plan: Plan, io: Io): void {
  if (visibleChanges(plan) > 0 || plan.hiddenChanges === 0) return;
  io.stderr.write("note: only the engine's own settings change (the AWS provider's --profile or --endpoint-url, or the stack outputs); apply records them in the stack's state\n");
}
