import { hasErrors, type Problem } from "../core/problem";
import { allValid, type ManifestReport } from "../validate/manifest-report";
import type { ProblemStyle } from "./color";
import { renderProblems } from "./problems";

/**
 * What a report is about: a manifest document; an input that failed before it had documents (a
 * file that cannot be read or parsed), which counts as an invalid manifest; or a setting that is
 * not a manifest at all (`--set`, `--region`, `AWS_REGION`).
 */
export type ReportKind = "manifest" | "input" | "setting";

/** A ManifestReport that knows what it is about, so only manifests are counted. */
export interface ValidateReport extends ManifestReport {
  readonly kind: ReportKind;
}

/**
 * `planton validate`'s text: every problem as `file:line:column: path: message`, then a summary
 * line (`2 manifests valid`, `1 of 2 manifests invalid`).
 */
export function renderValidateText(reports: readonly ValidateReport[], style: ProblemStyle): string {
  const problems = reports.flatMap((report) => report.problems);
  const manifests = reports.filter((report) => report.kind !== "setting");
  const badSettings = reports.filter((report) => report.kind === "setting" && hasErrors(report.problems)).map((report) => report.file);
  const invalid = manifests.filter((report) => hasErrors(report.problems)).length;
  const total = manifests.length;
  const noun = total === 1 ? "manifest" : "manifests";
  const summary =
    total === 0 ? style.error("no manifests checked")
    : invalid === 0 && badSettings.length === 0 ? `${total} ${noun} valid`
    : invalid === 0 ? style.error(`${total} ${noun} valid, but ${badSettings.join(" and ")} ${badSettings.length === 1 ? "is" : "are"} invalid`)
    : style.error(`${invalid} of ${total} ${noun} invalid`);
  return `${renderProblems(problems, style)}${summary}\n`;
}

/** One problem in `planton validate --output json`. */
export interface ValidateJsonProblem {
  path: string;
  message: string;
  /** 1-based; null when the problem has no place in a file (an unreadable file, `--set`). */
  line: number | null;
  column: number | null;
}

/** `planton validate --output json`, as the contract fixes it (plus `column` and `warnings`). */
export interface ValidateJson {
  valid: boolean;
  manifests: { file: string; name: string; errors: ValidateJsonProblem[]; warnings: ValidateJsonProblem[] }[];
}

/** The JSON document `planton validate --output json` prints. */
export function validateJson(reports: readonly ManifestReport[]): ValidateJson {
  return {
    valid: allValid(reports),
    manifests: reports.map((report) => ({
      file: report.file,
      name: report.name,
      errors: report.problems.filter((p) => p.severity === "error").map(jsonProblem),
      warnings: report.problems.filter((p) => p.severity === "warning").map(jsonProblem),
    })),
  };
}

// Every key always there, null when unknown: the contract's {path, message, line} shape holds.
function jsonProblem(problem: Problem): ValidateJsonProblem {
  return { path: problem.path, message: problem.message, line: problem.line ?? null, column: problem.line !== undefined ? (problem.column ?? null) : null };
}
