/**
 * A Problem is one thing wrong with the user's input: a manifest field, a flag, a file.
 * Problems are collected and returned, never thrown, so a user sees all of them at once.
 */
export interface Problem {
  /** Field path in JSON names, e.g. `spec.deletionWindowDays`; `""` for the whole document. */
  readonly path: string;
  /** One sentence, starting lower-case, saying what is wrong and what is allowed. */
  readonly message: string;
  /** `error` stops the command; `warning` is printed and the command goes on. */
  readonly severity: "error" | "warning";
  /** File the problem was found in (`-` for stdin), when it came from one. */
  readonly file?: string;
  /** 1-based line and column in `file`, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** A problem that stops the command. */
export function error(path: string, message: string, at: SourcePosition = {}): Problem {
  return { path, message, severity: "error", ...at };
}

/** A problem that is reported but lets the command go on. */
export function warning(path: string, message: string, at: SourcePosition = {}): Problem {
  return { path, message, severity: "warning", ...at };
}

/** Where in a file something stands. */
export interface SourcePosition {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** True when any of the problems is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
