import { appendFileSync } from "node:fs";
import type { Io } from "./io";

/** Whether and where to append the job summary. */
export interface StepSummaryOptions {
  /** False under `--no-step-summary`. */
  readonly enabled: boolean;
}

/**
 * Appends `markdown` to the GitHub Actions job summary (the file `GITHUB_STEP_SUMMARY` names),
 * when that variable is set and the user did not opt out. A summary that cannot be written is a
 * warning on stderr, never a failed preview. Returns the path written to, if any.
 */
export function appendStepSummary(markdown: string, io: Io, options: StepSummaryOptions): string | undefined {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (!options.enabled || path === undefined || path === "") return undefined;
  try {
    appendFileSync(path, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
    return path;
  } catch (cause) {
    // Not `instanceof Error`: errors from node:fs may come from another realm (as under Jest).
    const reason = typeof cause === "object" && cause !== null && "message" in cause ? String(cause.message) : String(cause);
    io.stderr.write(`warning: cannot write the job summary to ${path}: ${reason}\n`);
    return undefined;
  }
}
