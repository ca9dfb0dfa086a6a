import { isPlantonError } from "../core/planton-error";
import type { RunProblem, StacksRun } from "../stack/run-stacks";

/**
 * Version of every engine command's JSON document (preview, apply, destroy, refresh, outputs),
 * `MAJOR.MINOR` (docs/ci.md): a minor bump only adds fields or enum values; a major bump may
 * rename, remove or retype fields. 2.0: documents on failure, `ok`, `problems`, `error`, and
 * `hasChanges`/`drifted` null when not every stack answered. 2.1: `locks` on each stack.
 */
export const RUN_JSON_FORMAT_VERSION = "2.1";

/** A manifest problem in an engine command's document, with the manifest it belongs to. */
export interface ProblemJson {
  readonly file: string | null;
  readonly name: string;
  readonly path: string;
  readonly message: string;
  readonly severity: "error" | "warning";
  /** 1-based; null when the problem has no place in a file (`--set`, `--region`). */
  readonly line: number | null;
  readonly column: number | null;
}

/** What every engine command's document says about the run as a whole. */
export interface RunJson {
  readonly formatVersion: string;
  /** True when nothing failed: every manifest valid, every stack ok. */
  readonly ok: boolean;
  /** Every manifest problem, warnings included; with an error among them no stack ran. */
  readonly problems: readonly ProblemJson[];
  /** Why the run stopped before any stack when no manifest problem says so (no manifests); else null. */
  readonly error: string | null;
}

/** The run-wide fields of a document, from the run the stacks came from. */
export function runJson(run: Pick<StacksRun<unknown>, "ok" | "problems" | "error">): RunJson {
  return {
    formatVersion: RUN_JSON_FORMAT_VERSION,
    ok: run.ok,
    problems: run.problems.map(problemJson),
    error: run.error === undefined ? null : errorMessage(run.error),
  };
}

/**
 * True or false when every stack answered, or true as soon as one says yes; null when some stack
 * failed (or none ran) and no other said yes: nobody knows.
 */
export function anyOf(answers: readonly (boolean | undefined)[]): boolean | null {
  if (answers.some((a) => a === true)) return true;
  return answers.length > 0 && answers.every((a) => a === false) ? false : null;
}

function problemJson(problem: RunProblem): ProblemJson {
  return {
    file: problem.file ?? null,
    name: problem.name,
    path: problem.path,
    message: problem.message,
    severity: problem.severity,
    line: problem.line ?? null,
    column: problem.column ?? null,
  };
}

/** An error's message, without its stack. */
export function errorMessage(err: unknown): string {
  if (isPlantonError(err)) return err.message;
  return err instanceof Error ? err.message : String(err);
}
