import type { Engine } from "../engine/engine";
import { changeCountWords } from "../render/change-count-words";
import { applyStacks, type StackApply } from "../stack/apply-stack";
import type { StackResult } from "../stack/run-stacks";
import type { ExitCode } from "./exit";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import { reportPrinter } from "./print-run";
import { stackOutputsDocument } from "./print-stack-outputs";
import { printPlanned } from "./run-preview";
import { confirmation, finishRun, stackContext, type StackCommandOptions } from "./run-stacks";

/** `planton apply`'s options once flags are parsed. */
export interface ApplyOptions extends StackCommandOptions {
  readonly output: "text" | "json" | "yaml";
  readonly yes: boolean;
  readonly allowReplace: boolean;
  /** `--allow-broadening`: apply a key policy change that broadens access from a non-interactive run. */
  readonly allowBroadening: boolean;
  /** False under `--no-refresh`. */
  readonly refresh: boolean;
}

/**
 * For each manifest: preview, refuse a guarded plan, confirm (`--yes`, or `yes` typed at a
 * terminal; refused when stdin is not a terminal), deploy with one progress line per resource
 * event on stderr, then print the outputs on stdout (in json/yaml one document, also on failure).
 */
export async function runApply(options: ApplyOptions, io: Io, engine: Engine): Promise<ExitCode> {
  // stdout carries only the outputs in json/yaml, so the plan goes to stderr there.
  const planOut = options.output === "text" ? io.stdout : io.stderr;
  const report = reportPrinter(io, options, (r) => r.kind === "planned" && printPlanned(io, planOut, r, options));
  const run = await applyStacks(
    {
      ...options,
      allowReplace: options.allowReplace,
      allowBroadening: options.allowBroadening,
      interactive: interactive(options, io),
      refresh: options.refresh,
      ...confirmation(io, options),
    },
    stackContext(io, engine, options, report),
  );
  const exitCode = finishRun(io, "apply", run, describeApply);
  printDocument(io, options.output, stackOutputsDocument(run, { refusals: true }));
  return exitCode;
}

function describeApply(result: StackResult<StackApply>): string {
  const { plan } = result.detail ?? {};
  return result.changed && plan !== undefined ? changeCountWords(plan.summary, "done") : "no changes";
}

/**
 * True when a person will see the plan and answer the confirmation: at a terminal, without
 * `--yes`. The prompt is the broadening check there, so `--yes` (no prompt) cannot skip both.
 */
function interactive(options: { yes: boolean }, io: Io): boolean {
  return io.stdinIsTTY && !options.yes;
}
