import { hasChanges, visibleChanges } from "../plan/build-plan";
import type { Plan } from "../plan/plan";
import { summarizeRefusals } from "../plan/guard-plan";
import { changeCountWords } from "../render/change-count-words";
import { planJson, type StackPreview } from "../render/plan-json";
import { renderPlanMarkdown } from "../render/plan-markdown";
import { renderPlanText } from "../render/plan-text";
import { verboseEngineOutput } from "./engine-output-lines";
import { ExitCode } from "./exit";
import type { Io } from "./io";
import { colorFor, printProblems } from "./print-problems";
import { previewStack } from "./preview-stack";
import { followProgress } from "./print-progress";
import { appendStepSummary } from "./step-summary";
import { runStacks, type StackCommandOptions } from "./run-stacks";

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
}

/**
 * Previews every manifest's stack and prints the plans: text (or markdown) per stack on stdout,
 * or one JSON document for all. A plan a safety rail refuses fails its stack, as apply would
 * refuse it: a broadening passes only at a terminal (where apply would ask) or with
 * --allow-broadening, so a CI preview fails on what a CI apply refuses. Exit 1 on any
 * failure; with --detailed-exitcode 2 when something would change, else 0.
 */
export async function runPreview(options: PreviewOptions, io: Io): Promise<ExitCode> {
  const previews = new Map<string, StackPreview>();
  const colour = options.output === "text" && colorFor(options, io.stdout, io);
  const result = await runStacks("preview", options, io, async (target) => {
    const verbose = verboseEngineOutput(options, io);
    const previewed = await followProgress(io, { doing: `previewing stack ${target.stack}` }, (onEvent) =>
      // At a terminal apply would ask, and the person at it decides on a broadening: preview refuses what apply would.
      previewStack(target, { allowReplace: options.allowReplace, allowBroadening: options.allowBroadening, interactive: io.stdinIsTTY, refresh: options.refresh, ...verbose.engine, onEvent }).finally(verbose.flush),
    );
    previewed.handle.close();
    const { plan, refusals } = previewed;
    previews.set(target.stack, { stack: plan.stack, file: plan.file, name: plan.name, plan, refusals });
    noteHiddenChanges(plan, io);
    switch (options.output) {
      case "text":
        io.stdout.write(`${renderPlanText(plan, { colour })}\n`);
        break;
      case "markdown":
      case "json":
        break;
    }
    if (refusals.length > 0) {
      printProblems(io, refusals, options);
      const refused = summarizeRefusals(refusals);
      return { ok: false, changed: hasChanges(plan), summary: `refused: ${refused.headline} (pass ${refused.overrides.join(" and ")})` };
    }
    return { ok: true, changed: hasChanges(plan), summary: changeCountWords(plan.summary, "planned") };
  });
  const all = result.outcomes.map(({ target, outcome }): StackPreview =>
    previews.get(target.stack) ?? { stack: target.stack, file: target.manifest.file, name: target.manifest.name, refusals: [], error: outcome.summary },
  );
  if (options.output === "json") io.stdout.write(`${JSON.stringify(planJson(all), null, 2)}\n`);
  // Markdown (stdout and the GitHub job summary) is rendered once all stacks are in: totals come first.
  const markdown = all.length > 0 ? renderPlanMarkdown(all) : undefined;
  if (options.output === "markdown" && markdown !== undefined) io.stdout.write(markdown);
  if (markdown !== undefined) appendStepSummary(markdown, io, { enabled: options.stepSummary });
  if (result.exitCode !== ExitCode.ok) return result.exitCode;
  const changed = result.outcomes.some((o) => o.outcome.changed);
  return options.detailedExitcode && changed ? ExitCode.changes : ExitCode.ok;
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
