import { PlantonError } from "../core/planton-error";
import { readOutputs } from "../engine/run-operation";
import { toStackOutputs } from "../outputs/to-stack-outputs";
import type { ExitCode } from "./exit";
import type { Io } from "./io";
import { openExistingStack } from "./open-existing-stack";
import { printStackOutputs, type LabelledOutputs } from "./print-stack-outputs";
import { runStacks, type StackCommandOptions } from "./run-stacks";

/** `planton outputs`' options once flags are parsed. */
export interface OutputsOptions extends StackCommandOptions {
  readonly output: "text" | "json" | "yaml";
}

/** Prints each manifest's stack outputs; a stack that does not exist (or holds none) fails with exit 1. */
export async function runOutputs(options: OutputsOptions, io: Io): Promise<ExitCode> {
  const found: LabelledOutputs[] = [];
  const result = await runStacks("outputs", options, io, async (target) => {
    const handle = await openExistingStack(target);
    if (handle === undefined) {
      throw new PlantonError("usage", `cannot read the outputs of stack ${target.stack}: no stack named ${target.stack} in ${target.backend.url}`, {
        hint: `run planton apply -f ${target.manifest.file} first`,
      });
    }
    try {
      const outputs = await readOutputs(handle);
      if (Object.keys(outputs).length === 0) {
        throw new PlantonError("usage", `cannot read the outputs of stack ${target.stack}: the stack has no outputs (never applied, or destroyed)`, {
          hint: `run planton apply -f ${target.manifest.file}`,
        });
      }
      found.push({ stack: target.stack, file: target.manifest.file, outputs: toStackOutputs(outputs) });
      return { ok: true, changed: false, summary: "outputs printed" };
    } finally {
      handle.close();
    }
  });
  if (found.length > 0) printStackOutputs(io, found, options.output);
  return result.exitCode;
}
