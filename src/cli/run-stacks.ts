import { homedir } from "node:os";
import type { Engine } from "../engine/engine";
import type { Confirm } from "../stack/confirm-request";
import type { ReportSink } from "../stack/run-report";
import { labelSource } from "../stack/stack-targets";
import { failureText, type StackContext, type StackResult, type StacksOptions, type StacksRun } from "../stack/run-stacks";
import { confirmationReminder } from "../render/confirmation-reminder";
import { requireConfirmation } from "./confirm";
import { runExitCode, type ExitCode } from "./exit";
import { onInterrupt } from "./interrupt";
import type { Io } from "./io";
import type { ColorFlags } from "./print-problems";

/** Options every stack command shares once flags are parsed. */
export interface StackCommandOptions extends StacksOptions, ColorFlags {
  readonly verbose: boolean;
}

/** The outside world a stack operation runs in: this Io, this engine, Ctrl-C on this process. */
export function stackContext(io: Io, engine: Engine, options: Pick<StackCommandOptions, "verbose">, report: ReportSink): StackContext {
  return { engine, sources: io, homeDir: homedir(), interrupts: () => onInterrupt(io), report, verbose: options.verbose };
}

/**
 * How apply, destroy and refresh confirm: `--yes`, else the prompt at a terminal (refused without one).
 * A person answers one stack at a time, right after its plan, so at a prompt stacks run one
 * after another whatever `--parallel` says.
 */
export function confirmation(io: Io, options: { readonly yes: boolean; readonly parallel?: number }): { confirm: Confirm; parallel?: number } {
  // The reminder repeats what the plan replaces or broadens right above the question (nothing for a plain destroy).
  const confirm: Confirm = (request) =>
    requireConfirmation(io, request.verb, request.stack, { yes: options.yes, interrupted: request.interrupted, ...(request.plan !== undefined ? { reminder: confirmationReminder(request.plan) } : {}) });
  const prompts = io.stdinIsTTY && !options.yes;
  return { confirm, ...(prompts ? { parallel: 1 } : options.parallel !== undefined ? { parallel: options.parallel } : {}) };
}

/** A few words for a stack's summary line when it succeeded: `2 created`, `no changes`. */
export type DescribeResult<D> = (result: StackResult<D>) => string;

/**
 * Ends a run with one summary line per stack on stderr (`planton apply: 2 stacks`, then
 * `  ok      acme-prod-rds (keys/rds.yaml): 2 created`), when any stack ran, and returns the exit
 * code: 1 when a manifest was invalid or any stack failed, else 0.
 */
export function finishRun<D>(io: Io, command: string, run: StacksRun<D>, describe: DescribeResult<D>): ExitCode {
  if (run.results.length > 0) io.stderr.write(renderStacksSummary(command, run.results, describe));
  return runExitCode(run);
}

/** The closing summary of a run: one line per stack, in input order. */
export function renderStacksSummary<D>(command: string, results: readonly StackResult<D>[], describe: DescribeResult<D>): string {
  const lines = results.map((result) => {
    const words = failureText(result) ?? describe(result);
    const status = result.ok ? "ok" : result.skipped ? "skipped" : "FAILED";
    return `  ${status.padEnd(7)} ${result.target.stack} (${labelSource(result.target.label)}): ${words}`;
  });
  return `\nplanton ${command}: ${results.length} stack${results.length === 1 ? "" : "s"}\n${lines.join("\n")}\n`;
}
