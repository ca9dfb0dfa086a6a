import { PlantonError } from "../core/planton-error";
import { runOperation } from "../engine/run-operation";
import { refreshDrift } from "../plan/refresh-drift";
import { driftJson, renderDriftText, type StackRefresh } from "../render/drift-text";
import { verboseEngineOutput } from "./engine-output-lines";
import type { ExitCode } from "./exit";
import { onInterrupt, throwIfInterrupted } from "./interrupt";
import type { Io } from "./io";
import { openExistingStack } from "./open-existing-stack";
import { followProgress } from "./print-progress";
import { colorFor } from "./print-problems";
import { printDocument, runStacks, type DocumentFormat, type StackCommandOptions } from "./run-stacks";

/** `planton refresh`'s options once flags are parsed. */
export interface RefreshOptions extends StackCommandOptions {
  /** `text` prints each stack's drift as it comes; `json` and `yaml` one document for all stacks. */
  readonly output: DocumentFormat;
}

/**
 * For each manifest's stack: reconcile the state with the cloud and print what had drifted
 * (a key disabled or retagged outside planton). The cloud is not changed.
 */
export async function runRefresh(options: RefreshOptions, io: Io): Promise<ExitCode> {
  const interrupt = onInterrupt(io);
  const colour = options.output === "text" && colorFor(options, io.stdout, io);
  const refreshes = new Map<string, StackRefresh>();
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
        const verbose = verboseEngineOutput(options, io);
        const engine = { signal: interrupt.signal, interrupted: interrupt.interrupted, ...verbose.engine };
        const done = await followProgress(io, { doing: `refreshing stack ${target.stack}` }, (onEvent) =>
          runOperation(handle, "refresh", { ...engine, onEvent }).finally(verbose.flush),
        );
        const drift = refreshDrift(done.events);
        refreshes.set(target.stack, { stack: target.stack, file: target.manifest.file, name: target.manifest.name, drift });
        if (options.output === "text") io.stdout.write(renderDriftText(target.stack, drift, { colour }));
        return { ok: true, changed: drift.length > 0, summary: drift.length === 0 ? "no drift" : `${drift.length} resource${drift.length === 1 ? "" : "s"} drifted` };
      } finally {
        handle.close();
      }
    });
    const all = result.outcomes.map(({ target, outcome }): StackRefresh =>
      refreshes.get(target.stack) ?? { stack: target.stack, file: target.manifest.file, name: target.manifest.name, error: outcome.summary },
    );
    printDocument(io, options.output, driftJson(all));
    return result.exitCode;
  } finally {
    interrupt.dispose();
  }
}
