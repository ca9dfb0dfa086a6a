import type { Engine } from "../engine/engine";
import { driftJson } from "../render/drift-json";
import { renderDriftText } from "../render/drift-text";
import { refreshStacks, type StackRefreshDetail } from "../stack/refresh-stack";
import type { StackResult } from "../stack/run-stacks";
import type { ExitCode } from "./exit";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import { colorFor } from "./print-problems";
import { reportPrinter } from "./print-run";
import { finishRun, stackContext, type StackCommandOptions } from "./run-stacks";

/** `planton refresh`'s options once flags are parsed. */
export interface RefreshOptions extends StackCommandOptions {
  /** `text` prints each stack's drift as it comes; `json` and `yaml` one document for all stacks. */
  readonly output: "text" | "json" | "yaml";
}

/**
 * For each manifest's stack: reconcile the state with the cloud and print what had drifted
 * (a key disabled or retagged outside planton). The cloud is not changed.
 */
export async function runRefresh(options: RefreshOptions, io: Io, engine: Engine): Promise<ExitCode> {
  const report = reportPrinter(io, options, (r) => {
    if (r.kind === "refreshed" && options.output === "text") io.stdout.write(renderDriftText(r.label.stack, r.drift, { colour: colorFor(options, io.stdout, io) }));
  });
  const run = await refreshStacks(options, stackContext(io, engine, options, report));
  const exitCode = finishRun(io, "refresh", run, describeRefresh);
  printDocument(io, options.output, { data: driftJson(run) });
  return exitCode;
}

function describeRefresh(result: StackResult<StackRefreshDetail>): string {
  const drifted = result.detail?.drift.length ?? 0;
  return drifted === 0 ? "no drift" : `${drifted} resource${drifted === 1 ? "" : "s"} drifted`;
}
