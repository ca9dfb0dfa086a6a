import { PlantonError } from "../core/planton-error";
import { runOperation } from "../engine/run-operation";
import { refreshDrift } from "../plan/refresh-drift";
import { renderDriftText } from "../render/drift-text";
import type { ExitCode } from "./exit";
import { onInterrupt, throwIfInterrupted } from "./interrupt";
import type { Io } from "./io";
import { openExistingStack } from "./open-existing-stack";
import { followProgress } from "./print-progress";
import { colorFor } from "./print-problems";
import { engineOutput } from "./run-preview";
import { runStacks, type StackCommandOptions } from "./run-stacks";

/**
 * For each manifest's stack: reconcile the state with the cloud and print what had drifted
 * (a key disabled or retagged outside planton). The cloud is not changed.
 */
export async function runRefresh(options: StackCommandOptions, io: Io): Promise<ExitCode> {
  const interrupt = onInterrupt(io);
  const colour = colorFor(options, io.stdout, io);
  try {
    const result = await runStacks("refresh", options, io, async (target) => {
      throwIfInterrupted(interrupt, "refresh", target.stack);
      const handle = await openExistingStack(target);
      if (handle === undefined) {
        throw new PlantonError("usage", `cannot refresh stack ${target.stack}: no such stack in ${target.backend.url}`, {
          hint: `run planton apply -f ${target.manifest.file} first`,
        });
      }
      try {
        const engine = { signal: interrupt.signal, interrupted: interrupt.interrupted, ...engineOutput(options, io) };
        const done = await followProgress(io, { doing: `refreshing stack ${target.stack}` }, (onEvent) => runOperation(handle, "refresh", { ...engine, onEvent }));
        const drift = refreshDrift(done.events);
        io.stdout.write(renderDriftText(target.stack, drift, { colour }));
        return { ok: true, changed: drift.length > 0, summary: drift.length === 0 ? "no drift" : `${drift.length} resource${drift.length === 1 ? "" : "s"} drifted` };
      } finally {
        handle.close();
      }
    });
    return result.exitCode;
  } finally {
    interrupt.dispose();
  }
}
