import { runOperation } from "../engine/run-operation";
import { buildPlan } from "../plan/build-plan";
import { destroyJson, destroySchedule, renderDestroyText, scheduledWords, type StackDestroy } from "../render/destroy-text";
import { requireConfirmation } from "./confirm";
import { verboseEngineOutput } from "./engine-output-lines";
import type { ExitCode } from "./exit";
import { onInterrupt, throwIfInterrupted } from "./interrupt";
import { followProgress } from "./print-progress";
import type { Io } from "./io";
import { openExistingStack } from "./open-existing-stack";
import { colorFor } from "./print-problems";
import { printDocument, runStacks, type DocumentFormat, type StackCommandOptions } from "./run-stacks";

/** `planton destroy`'s options once flags are parsed. */
export interface DestroyOptions extends StackCommandOptions {
  readonly yes: boolean;
  /** The moment deletion is scheduled from (the clock, decided at the edge). */
  readonly now: () => Date;
  /** `text` prints each stack's schedule as it comes; `json` and `yaml` one document for all stacks. Default text. */
  readonly output?: DocumentFormat;
}

/**
 * For each manifest's stack: show what will be scheduled for deletion and when each key becomes
 * unrecoverable, confirm like apply, then destroy through the engine (keys are scheduled for
 * deletion after their window, never deleted at once; a protected key makes the engine refuse).
 */
export async function runDestroy(options: DestroyOptions, io: Io): Promise<ExitCode> {
  const output = options.output ?? "text";
  const interrupt = onInterrupt(io);
  const colour = output === "text" && colorFor(options, io.stdout, io);
  const destroys = new Map<string, StackDestroy>();
  try {
    const result = await runStacks("destroy", options, io, async (target) => {
      throwIfInterrupted(interrupt, "destroy", target.stack);
      const handle = await openExistingStack(target);
      if (handle === undefined) return { ok: true, changed: false, summary: "nothing to destroy (no stack)" };
      try {
        const verbose = verboseEngineOutput(options, io);
        const engine = { signal: interrupt.signal, interrupted: interrupt.interrupted, ...verbose.engine };
        const preview = await followProgress(io, { doing: `previewing the destroy of stack ${target.stack}` }, (onEvent) =>
          runOperation(handle, "destroy-preview", { ...engine, onEvent }).finally(verbose.flush),
        );
        const plan = buildPlan({ stack: target.stack, file: target.manifest.file, name: target.manifest.name }, preview.events);
        const now = options.now();
        const schedule = destroySchedule(plan, now);
        const record = (destroyed: boolean): void =>
          void destroys.set(target.stack, { stack: plan.stack, file: plan.file, name: plan.name, schedule, destroyed });
        record(false);
        if (output === "text") io.stdout.write(`${renderDestroyText(plan, { colour, now })}\n`);
        if (plan.summary.delete === 0) return { ok: true, changed: false, summary: "nothing to destroy" };
        await requireConfirmation(io, "destroy", target.stack, { yes: options.yes });
        io.stderr.write(`Destroying stack ${target.stack}...\n`);
        await followProgress(io, { doing: `destroying stack ${target.stack}` }, (onEvent) =>
          runOperation(handle, "destroy", { ...engine, onEvent }).finally(verbose.flush),
        );
        record(true);
        return { ok: true, changed: true, summary: scheduledWords(schedule.scheduled.length) };
      } finally {
        handle.close();
      }
    });
    const all = result.outcomes.map(({ target, outcome }): StackDestroy => {
      const known = destroys.get(target.stack) ?? { stack: target.stack, file: target.manifest.file, name: target.manifest.name, destroyed: false };
      return outcome.ok ? known : { ...known, error: outcome.summary };
    });
    printDocument(io, output, destroyJson(all));
    return result.exitCode;
  } finally {
    interrupt.dispose();
  }
}
