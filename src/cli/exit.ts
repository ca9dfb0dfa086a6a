import { isPlantonError } from "../core/planton-error";
import type { StacksRun } from "../stack/run-stacks";
import type { Io } from "./io";

/** The exit codes planton promises (README "Exit codes"). */
export const ExitCode = {
  /** Success; for `preview --detailed-exitcode`, success with no changes. */
  ok: 0,
  /** Invalid input, a refused or failed operation. */
  failure: 1,
  /** `preview`/`refresh --detailed-exitcode` only: success, and the plan has changes (or drift). */
  changes: 2,
  /**
   * `apply` only: a stack's state or live key moved since its plan was made (another apply,
   * drift), or the saved plan was applied already; nothing of that stack was applied.
   */
  moved: 3,
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
    return err.kind === "moved" ? ExitCode.moved : ExitCode.failure;
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

/**
 * A run's exit code: 0 when every stack succeeded; 3 when every stack that failed did so because
 * what its plan was computed against moved (preview again); else 1.
 */
export function runExitCode(run: Pick<StacksRun<unknown>, "ok" | "results" | "error">): ExitCode {
  if (run.ok) return ExitCode.ok;
  const failed = run.results.filter((r) => !r.ok);
  const moved = (error: unknown): boolean => isPlantonError(error) && error.kind === "moved";
  if (run.error === undefined && failed.length > 0 && failed.every((r) => moved(r.error))) return ExitCode.moved;
  return ExitCode.failure;
}
