import { runOperation } from "../engine/run-operation";
import { buildPlan } from "../plan/build-plan";
import { renderDestroyText } from "../render/destroy-text";
import { requireConfirmation } from "./confirm";
import type { ExitCode } from "./exit";
import { onInterrupt, throwIfInterrupted } from "./interrupt";
import { followProgress } from "./print-progress";
import type { Io } from "./io";
import { openExistingStack } from "./open-existing-stack";
import { colorFor } from "./print-problems";
import { engineOutput } from "./run-preview";
import { runStacks, type StackCommandOptions } from "./run-stacks";

/** `planton destroy`'s options once flags are parsed. */
export interface DestroyOptions extends StackCommandOptions {
  readonly yes: boolean;
  /** The moment deletion is scheduled from (the clock, decided at the edge). */
  readonly now: () => Date;
}

/**
 * For each manifest's stack: show what will be scheduled for deletion and when each key becomes
 * unrecoverable, confirm like apply, then destroy through the engine (keys are scheduled for
 * deletion after their window, never deleted at once; a protected key makes the engine refuse).
 */
export async function runDestroy(options: DestroyOptions, io: Io): Promise<ExitCode> {
  const interrupt = onInterrupt(io);
  const colour = colorFor(options, io.stdout, io);
  try {
    const result = await runStacks("destroy", options, io, async (target) => {
      throwIfInterrupted(interrupt, "destroy", target.stack);
      const handle = await openExistingStack(target);
      if (handle === undefined) return { ok: true, changed: false, summary: "nothing to destroy (no stack)" };
      try {
        const engine = { signal: interrupt.signal, interrupted: interrupt.interrupted, ...engineOutput(options, io) };
        const preview = await followProgress(io, { doing: `previewing the destroy of stack ${target.stack}` }, (onEvent) =>
          runOperation(handle, "destroy-preview", { ...engine, onEvent }),
        );
        const plan = buildPlan({ stack: target.stack, file: target.manifest.file, name: target.manifest.name }, preview.events);
        io.stdout.write(`${renderDestroyText(plan, { colour, now: options.now() })}\n`);
        const keys = plan.changes.filter((c) => c.op === "delete" && (c.kind === "key" || c.kind === "replica-key")).length;
        if (plan.summary.delete === 0) return { ok: true, changed: false, summary: "nothing to destroy" };
        await requireConfirmation(io, "destroy", target.stack, { yes: options.yes });
        io.stderr.write(`Destroying stack ${target.stack}...\n`);
        await followProgress(io, { doing: `destroying stack ${target.stack}` }, (onEvent) => runOperation(handle, "destroy", { ...engine, onEvent }));
        return { ok: true, changed: true, summary: `${keys} KMS key${keys === 1 ? "" : "s"} scheduled for deletion` };
      } finally {
        handle.close();
      }
    });
    return result.exitCode;
  } finally {
    interrupt.dispose();
  }
}
