import type { Engine } from "../engine/engine";
import { readOutputs } from "../stack/read-outputs";
import type { ExitCode } from "./exit";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import { reportPrinter } from "./print-run";
import { stackOutputsDocument } from "./print-stack-outputs";
import { finishRun, stackContext, type StackCommandOptions } from "./run-stacks";

/** `planton outputs`' options once flags are parsed. */
export interface OutputsOptions extends StackCommandOptions {
  readonly output: "text" | "json" | "yaml";
}

/** Prints each manifest's stack outputs; a stack that does not exist (or holds none) fails with exit 1. */
export async function runOutputs(options: OutputsOptions, io: Io, engine: Engine): Promise<ExitCode> {
  const run = await readOutputs(options, stackContext(io, engine, options, reportPrinter(io, options, () => undefined)));
  const exitCode = finishRun(io, "outputs", run, () => "outputs printed");
  printDocument(io, options.output, stackOutputsDocument(run, { refusals: false }));
  return exitCode;
}
