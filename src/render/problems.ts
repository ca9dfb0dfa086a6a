import type { Problem } from "../core/problem";
import type { ProblemStyle } from "./color";
import { escapeControl } from "./escape-control";

/**
 * One problem as a compiler would print it: `key.yaml:12:3: spec.deletionWindowDays: must be
 * between 7 and 30 (got 3)`, with `warning: ` before the path of a warning. Parts that are not
 * known (no file, no line, a whole-document path) are left out. Control characters from the
 * input (in a file name, a field name, a tag key) are shown escaped, never sent to the terminal.
 */
export function renderProblem(problem: Problem, style: ProblemStyle): string {
  const location = [problem.file, problem.line, problem.line !== undefined ? problem.column : undefined]
    .filter((part) => part !== undefined)
    .join(":");
  const path = escapeControl(problem.path);
  const text = escapeControl(problem.message);
  const parts: string[] = [];
  if (location !== "") parts.push(style.location(escapeControl(location)));
  if (problem.severity === "warning") parts.push(style.warning("warning"));
  if (path !== "") parts.push(path);
  const head = parts.length > 0 ? `${parts.join(": ")}: ` : "";
  const message = problem.severity === "error" ? style.error(text) : text;
  return `${head}${message}`;
}

/** Problems one per line, each line ending in a newline; "" for none. */
export function renderProblems(problems: readonly Problem[], style: ProblemStyle): string {
  return problems.map((problem) => `${renderProblem(problem, style)}\n`).join("");
}

/** Problems of one file in source order, by line and column; those without a line go last, in their order. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
  );
}
