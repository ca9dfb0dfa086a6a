import { isPlantonError } from "../core/planton-error";
import type { Io } from "./io";

/** The exit codes planton promises (README "Exit codes"). */
export const ExitCode = {
  /** Success; for `preview --detailed-exitcode`, success with no changes. */
  ok: 0,
  /** Invalid input, a refused or failed operation. */
  failure: 1,
  /** `preview`/`refresh --detailed-exitcode` only: success, and the plan has changes (or drift). */
  changes: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The one funnel from an error to stderr text and an exit code. PlantonErrors print their
 * message (and hint); anything else is a bug, printed with its stack only under --verbose.
 */
export function reportError(err: unknown, io: Io, verbose: boolean): ExitCode {
  if (isPlantonError(err)) {
    io.stderr.write(`error: ${err.message}\n`);
    if (err.hint) io.stderr.write(`  ${err.hint}\n`);
    if (verbose && err.cause !== undefined) io.stderr.write(`${describeCause(err.cause)}\n`);
    return ExitCode.failure;
  }
  io.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  if (verbose && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  else io.stderr.write("  (this is a bug in planton; run again with --verbose for details)\n");
  return ExitCode.failure;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? cause.message;
  return String(cause);
}
