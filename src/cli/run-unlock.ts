import type { Engine } from "../engine/engine";
import { renderUnlocked, renderUnlockPlan } from "../render/unlock-text";
import { unlockJson } from "../render/unlock-json";
import type { StackResult } from "../stack/run-stacks";
import { unlockStacks, type StackUnlockDetail } from "../stack/unlock-stack";
import type { ExitCode } from "./exit";
import type { Io } from "./io";
import { printDocument } from "./print-document";
import { reportPrinter } from "./print-run";
import { confirmation, finishRun, stackContext, type StackCommandOptions } from "./run-stacks";

/** `planton unlock`'s options once flags are parsed. */
export interface UnlockOptions extends StackCommandOptions {
  readonly yes: boolean;
  readonly output: "text" | "json";
}

/**
 * For each stack: list its locks and who holds them, refuse while a holder still runs on this
 * host, confirm like apply (`--yes` off a terminal), remove exactly those locks, and say so.
 */
export async function runUnlock(options: UnlockOptions, io: Io, engine: Engine): Promise<ExitCode> {
  const text = options.output === "text";
  const report = reportPrinter(io, options, (r) => {
    if (r.kind === "unlock-planned" && text) io.stdout.write(renderUnlockPlan(r.label.stack, r.locks));
  });
  const run = await unlockStacks({ ...options, ...confirmation(io, options) }, stackContext(io, engine, options, report));
  if (text) for (const result of run.results) io.stdout.write(renderUnlocked(result.target.stack, result.detail?.removed ?? []));
  const exitCode = finishRun(io, "unlock", run, describeUnlock);
  printDocument(io, options.output, { data: unlockJson(run) });
  return exitCode;
}

function describeUnlock(result: StackResult<StackUnlockDetail>): string {
  const removed = result.detail?.removed.length ?? 0;
  return removed === 0 ? "not locked" : `removed ${removed === 1 ? "1 lock" : `${removed} locks`}`;
}
