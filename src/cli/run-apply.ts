import { PlantonError } from "../core/planton-error";
import { readOutputs, runOperation } from "../engine/run-operation";
import { toStackOutputs } from "../outputs/to-stack-outputs";
import { hasChanges } from "../plan/build-plan";
import { summarizeRefusals } from "../plan/guard-plan";
import { changeCountWords } from "../render/change-count-words";
import { renderPlanText } from "../render/plan-text";
import { requireConfirmation } from "./confirm";
import type { ExitCode } from "./exit";
import { onInterrupt, throwIfInterrupted } from "./interrupt";
import { followProgress } from "./print-progress";
import type { Io } from "./io";
import { colorFor, printProblems } from "./print-problems";
import { printStackOutputs, type LabelledOutputs } from "./print-stack-outputs";
import { previewStack } from "./preview-stack";
import { noteHiddenChanges } from "./run-preview";
import { verboseEngineOutput } from "./engine-output-lines";
import { runStacks, type StackCommandOptions } from "./run-stacks";

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
 * event on stderr, then print the outputs on stdout. Ctrl-C stops the engine gracefully.
 */
export async function runApply(options: ApplyOptions, io: Io): Promise<ExitCode> {
  const interrupt = onInterrupt(io);
  const deployed: LabelledOutputs[] = [];
  // stdout carries only the outputs in json/yaml, so the plan goes to stderr there.
  const planOut = options.output === "text" ? io.stdout : io.stderr;
  const colour = colorFor(options, planOut, io);
  try {
    const result = await runStacks("apply", options, io, async (target) => {
      throwIfInterrupted(interrupt, "apply", target.stack);
      const verbose = verboseEngineOutput(options, io);
      const engine = { signal: interrupt.signal, interrupted: interrupt.interrupted, ...verbose.engine };
      const previewed = await followProgress(io, { doing: `previewing stack ${target.stack}` }, (onEvent) =>
        previewStack(target, { allowReplace: options.allowReplace, allowBroadening: options.allowBroadening, interactive: interactive(options, io), refresh: options.refresh, ...engine, onEvent }).finally(verbose.flush),
      );
      const { handle, plan, refusals } = previewed;
      try {
        planOut.write(`${renderPlanText(plan, { colour })}\n`);
        noteHiddenChanges(plan, io);
        if (refusals.length > 0) {
          printProblems(io, refusals, options);
          const refused = summarizeRefusals(refusals);
          throw new PlantonError("refused", `cannot apply stack ${target.stack}: ${refused.headline}`, {
            hint: `review the plan above; pass ${refused.overrides.join(" and ")} to apply it anyway`,
          });
        }
        if (!hasChanges(plan)) {
          deployed.push({ stack: target.stack, file: target.manifest.file, outputs: toStackOutputs(await readOutputs(handle)) });
          return { ok: true, changed: false, summary: "no changes" };
        }
        await requireConfirmation(io, "apply", target.stack, { yes: options.yes, interrupted: interrupt.interrupted });
        io.stderr.write(`Applying stack ${target.stack}...\n`);
        const done = await followProgress(io, { doing: `applying stack ${target.stack}` }, (onEvent) =>
          // The preview read the live resources; the update reads them again only when they had drifted, to put the manifest back.
          runOperation(handle, "update", { ...engine, onEvent, refresh: plan.drift.length > 0 }).finally(verbose.flush),
        );
        deployed.push({ stack: target.stack, file: target.manifest.file, outputs: toStackOutputs(done.outputs) });
        return { ok: true, changed: true, summary: changeCountWords(plan.summary, "done") };
      } finally {
        handle.close();
      }
    });
    if (deployed.length > 0) printStackOutputs(io, deployed, options.output);
    return result.exitCode;
  } finally {
    interrupt.dispose();
  }
}

/**
 * True when a person will see the plan and answer the confirmation: at a terminal, without
 * `--yes`. The prompt is the broadening check there, so `--yes` (no prompt) cannot skip both.
 */
function interactive(options: { yes: boolean }, io: Io): boolean {
  return io.stdinIsTTY && !options.yes;
}
