import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** This checkout's launcher. */
export const PLANTON = join(__dirname, "..", "..", "bin", "planton");

/** Marks the launcher's own trace lines (sh -x) so they can be told from planton's output. */
export const TRACE_MARK = "+planton-launcher+ ";

/** One run of bin/planton and which build the launcher started. */
export interface LauncherRun {
  readonly code: number | null;
  readonly stdout: string;
  /** planton's stderr, without the launcher's trace. */
  readonly stderr: string;
  /** `snapshot`: node started from dist/planton.blob; `dist`: from dist/src/cli/entry.js. */
  readonly started: LauncherStart;
}

export type LauncherStart = "snapshot" | "dist" | "unknown";

/** Options for a launcher run. */
export interface LauncherRunOptions {
  readonly cwd: string;
  readonly stdin?: string;
  /** Added to the environment (NO_COLOR=1, and the snapshot on unless PLANTON_NO_SNAPSHOT is given). */
  readonly env?: Record<string, string>;
}

/** The command that runs bin/planton under `sh -x`, tracing which node command it execs. */
export function tracedLauncher(args: readonly string[]): { command: string; args: string[]; env: Record<string, string> } {
  return { command: "sh", args: ["-x", PLANTON, ...args], env: { PS4: TRACE_MARK } };
}

/** Which build a launcher trace shows started. */
export function startedFrom(output: string): LauncherStart {
  const execs = output.split(/\r?\n/).filter((line) => line.startsWith(`${TRACE_MARK}exec `));
  const last = execs[execs.length - 1] ?? "";
  if (last.includes("--snapshot-blob")) return "snapshot";
  if (last.includes(join("dist", "src", "cli", "entry.js"))) return "dist";
  return "unknown";
}

/** Drops the launcher's trace lines from an output. */
export function withoutTrace(output: string): string {
  return output
    .split("\n")
    .filter((line) => !line.replace(/^\r/, "").startsWith(TRACE_MARK))
    .join("\n");
}

/** Runs bin/planton to completion, as a user would, and says which build it started. */
export function runLauncher(args: readonly string[], options: LauncherRunOptions): LauncherRun {
  const traced = tracedLauncher(args);
  const result = spawnSync(traced.command, traced.args, {
    cwd: options.cwd,
    input: options.stdin ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", PLANTON_NO_SNAPSHOT: "", ...options.env, ...traced.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: withoutTrace(result.stderr), started: startedFrom(result.stderr) };
}
