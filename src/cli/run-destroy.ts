import type { Engine } from "../engine/engine";
import { destroyJson } from "../render/destroy-json";
import { destroySchedule, renderDestroyText, scheduledWords } from "../render/destroy-text";
import { destroyStacks, type StackDestroyDetail } from "../stack/destroy-stack";
import type { StackResult } from "../stack/run-stacks";
import type { ExitCode } from "./exit";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import { colorFor } from "./print-problems";
import { reportPrinter } from "./print-run";
import { confirmation, finishRun, stackContext, type StackCommandOptions } from "./run-stacks";

/** `planton destroy`'s options once flags are parsed. */
export interface DestroyOptions extends StackCommandOptions {
  readonly yes: boolean;
  /** The moment deletion is scheduled from (the clock, decided at the edge). */
  readonly now: () => Date;
  /** `text` prints each stack's schedule as it comes; `json` and `yaml` one document for all stacks. Default text. */
  readonly output?: "text" | "json" | "yaml";
}

/**
 * For each manifest's stack: show what will be scheduled for deletion and when each key becomes
 * unrecoverable, confirm like apply, then destroy through the engine.
 */
export async function runDestroy(options: DestroyOptions, io: Io, engine: Engine): Promise<ExitCode> {
  const output = options.output ?? "text";
  const report = reportPrinter(io, options, (r) => {
    if (r.kind === "destroy-planned" && output === "text") io.stdout.write(`${renderDestroyText(r.plan, { colour: colorFor(options, io.stdout, io), now: r.at })}\n`);
  });
  const run = await destroyStacks(
    {
      ...options,
      ...confirmation(io, options),
    },
    stackContext(io, engine, options, report),
  );
  const exitCode = finishRun(io, "destroy", run, describeDestroy);
  printDocument(io, output, { data: destroyJson(run) });
  return exitCode;
}

function describeDestroy(result: StackResult<StackDestroyDetail>): string {
  const planned = result.detail?.planned;
  if (planned === undefined) return "nothing to destroy (no stack)";
  return result.changed ? scheduledWords(destroySchedule(planned.plan, planned.at).scheduled.length) : "nothing to destroy";
}
