import type { Engine } from "../engine/engine";
import { driftJson } from "../render/drift-json";
import { driftRecordLine, renderDriftText } from "../render/drift-text";
import { refreshStacks, type StackRefreshDetail } from "../stack/refresh-stack";
import type { StackResult } from "../stack/run-stacks";
import { ExitCode } from "./exit";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import { colorFor } from "./print-problems";
import { reportPrinter } from "./print-run";
import { confirmation, finishRun, stackContext, type StackCommandOptions } from "./run-stacks";

/** `planton refresh`'s options once flags are parsed. */
export interface RefreshOptions extends StackCommandOptions {
  /** `text` prints each stack's drift as it comes; `json` and `yaml` one document for all stacks. */
  readonly output: "text" | "json" | "yaml";
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
export async function runRefresh(options: RefreshOptions, io: Io, engine: Engine): Promise<ExitCode> {
  const text = options.output === "text";
  const report = reportPrinter(io, options, (r) => {
    if (!text) return;
    if (r.kind === "refreshed") io.stdout.write(renderDriftText(r.label.stack, r.drift, { colour: colorFor(options, io.stdout, io) }));
    if (r.kind === "drift-decided") io.stdout.write(driftRecordLine(r.recorded ? "recorded" : "reported"));
  });
  // Nobody to ask and no --yes: the drift is only reported.
  const asks = options.yes || io.stdinIsTTY;
  const run = await refreshStacks({ ...options, ...(asks ? confirmation(io, options) : {}) }, stackContext(io, engine, options, report));
  const exitCode = finishRun(io, "refresh", run, describeRefresh);
  printDocument(io, options.output, { data: driftJson(run) });
  if (exitCode !== ExitCode.ok) return exitCode;
  return options.detailedExitcode && run.results.some((r) => r.changed) ? ExitCode.changes : ExitCode.ok;
}

function describeRefresh(result: StackResult<StackRefreshDetail>): string {
  const drifted = result.detail?.drift.length ?? 0;
  if (drifted === 0) return "no drift";
  return `${drifted} resource${drifted === 1 ? "" : "s"} drifted, ${result.detail?.recorded === true ? "recorded" : "not recorded"}`;
}
