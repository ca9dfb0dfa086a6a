import { PlantonError } from "../core/planton-error";
import { runOperation } from "../engine/run-operation";
import type { StackHandle } from "../engine/open-stack";
import type { ResourceChange } from "../plan/plan";
import { refreshDrift } from "../plan/refresh-drift";
import { driftJson, driftRecordLine, renderDriftText, type DriftRecord, type StackRefresh } from "../render/drift-text";
import { confirm } from "./confirm";
import { verboseEngineOutput } from "./engine-output-lines";
import { ExitCode } from "./exit";
import { onInterrupt, throwIfInterrupted, type Interrupt } from "./interrupt";
import type { Io } from "./io";
import { openExistingStack } from "./open-existing-stack";
import { followProgress } from "./print-progress";
import { colorFor } from "./print-problems";
import { printDocument, runStacks, type DocumentFormat, type StackCommandOptions } from "./run-stacks";

/** `planton refresh`'s options once flags are parsed. */
export interface RefreshOptions extends StackCommandOptions {
  /** `text` prints each stack's drift as it comes; `json` and `yaml` one document for all stacks. */
  readonly output: DocumentFormat;
  /** `--yes`: record the drift in the state without asking. */
  readonly yes: boolean;
  /** `--detailed-exitcode`: exit 2 when something drifted. */
  readonly detailedExitcode: boolean;
}

/**
 * For each manifest's stack: read the live resources and show what changed outside planton (a
 * key disabled or retagged by hand), without writing anything; then record that drift in the
 * state when confirmed (`--yes`, or `yes` at a terminal). Off a terminal without `--yes` it only
 * reports. The cloud is never changed. With --detailed-exitcode: 2 when something drifted.
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
        const refresh = (operation: "refresh-preview" | "refresh"): Promise<readonly ResourceChange[]> => readDrift(handle, operation, options, io, interrupt);
        const found = await refresh("refresh-preview");
        if (options.output === "text") io.stdout.write(renderDriftText(target.stack, found, { colour }));
        const record = found.length === 0 ? "reported" : await decide(target.stack, options, io, interrupt);
        const drift = record === "recorded" ? await refresh("refresh") : found;
        refreshes.set(target.stack, { stack: target.stack, file: target.manifest.file, name: target.manifest.name, drift, recorded: record === "recorded" && drift.length > 0 });
        if (options.output === "text" && found.length > 0) io.stdout.write(driftRecordLine(record));
        const count = `${drift.length} resource${drift.length === 1 ? "" : "s"} drifted`;
        return { ok: true, changed: drift.length > 0, summary: drift.length === 0 ? "no drift" : `${count}${record === "recorded" ? ", recorded" : ", not recorded"}` };
      } finally {
        handle.close();
      }
    });
    const all = result.outcomes.map(({ target, outcome }): StackRefresh =>
      refreshes.get(target.stack) ?? { stack: target.stack, file: target.manifest.file, name: target.manifest.name, error: outcome.summary },
    );
    printDocument(io, options.output, driftJson(all));
    if (result.exitCode !== ExitCode.ok) return result.exitCode;
    return options.detailedExitcode && result.outcomes.some((o) => o.outcome.changed) ? ExitCode.changes : ExitCode.ok;
  } finally {
    interrupt.dispose();
  }
}

/** Runs the refresh (or its preview-only form) with progress, and returns the drift it found. */
async function readDrift(handle: StackHandle, operation: "refresh-preview" | "refresh", options: RefreshOptions, io: Io, interrupt: Interrupt): Promise<readonly ResourceChange[]> {
  const verbose = verboseEngineOutput(options, io);
  const engine = { signal: interrupt.signal, interrupted: interrupt.interrupted, ...verbose.engine };
  const doing = operation === "refresh" ? `recording the drift of stack ${handle.name}` : `reading the live resources of stack ${handle.name}`;
  const done = await followProgress(io, { doing }, (onEvent) => runOperation(handle, operation, { ...engine, onEvent }).finally(verbose.flush));
  return refreshDrift(done.events);
}

/** The apply rule: `--yes` records, a person at a terminal is asked, anyone else only gets the report. */
async function decide(stack: string, options: RefreshOptions, io: Io, interrupt: Interrupt): Promise<DriftRecord> {
  const answer = await confirm(io, `Record these changes in the state of stack ${stack}?`, { yes: options.yes, interrupted: interrupt.interrupted });
  switch (answer) {
    case "confirmed":
      return "recorded";
    case "no-terminal":
      return "reported";
    case "declined":
      throw new PlantonError("refused", `cannot refresh stack ${stack}: not confirmed (only 'yes' approves); the state was left as it was`);
    case "interrupted":
      throw new PlantonError("interrupted", `cannot refresh stack ${stack}: interrupted`);
  }
}
