import type { Problem } from "../core/problem";

/**
 * One input and its problems: a manifest document, or a file (or `--set`) that failed before it
 * had documents. `planton validate` reports these; other commands print their problems.
 */
export interface ManifestReport {
  readonly file: string;
  /** `metadata.name`, or "" when the input has none. */
  readonly name: string;
  /** Errors and warnings, in source order, with file and line where known. */
  readonly problems: readonly Problem[];
}

/** True when there is at least one input and none has an error. */
export function allValid(reports: readonly ManifestReport[]): boolean {
  return reports.length > 0 && reports.every((report) => report.problems.every((p) => p.severity !== "error"));
}
