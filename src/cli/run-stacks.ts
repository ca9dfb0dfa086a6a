import { homedir } from "node:os";
import { stringify } from "yaml";
import { hasErrors } from "../core/problem";
import { isPlantonError, PlantonError } from "../core/planton-error";
import { ExitCode, reportError } from "./exit";
import type { StackFlags } from "./flags";
import type { Io } from "./io";
import { loadManifests, type LoadManifestsOptions } from "./load-manifests";
import { printProblems, type ColorFlags } from "./print-problems";
import { resolveStackTargets, type StackTarget } from "./resolve-stack-options";

/** Options every stack command shares once flags are parsed. */
export interface StackCommandOptions extends LoadManifestsOptions, ColorFlags {
  readonly stackFlags: StackFlags;
  readonly verbose: boolean;
}

/** How one stack went, for the closing summary and the exit code. */
export interface StackOutcome {
  readonly ok: boolean;
  /** True when the stack had (or got) changes; `preview --detailed-exitcode` exits 2. */
  readonly changed: boolean;
  /** A few words for the summary line: `2 created`, `no changes`, `refused`. */
  readonly summary: string;
}

/** What a run of several stacks came to. */
export interface StacksResult {
  readonly outcomes: readonly { readonly target: StackTarget; readonly outcome: StackOutcome }[];
  /** 1 when loading failed or any stack failed; else 0. */
  readonly exitCode: ExitCode;
}

/** Runs one stack; may throw (PlantonError), which counts as a failed stack. */
export type StackRunner = (target: StackTarget) => Promise<StackOutcome>;

/**
 * The frame of every engine command: load and validate the manifests (any problem stops the
 * run before the engine starts), resolve their stacks, print the engine notices once, run the
 * stacks one after another, then end with one summary line per stack on stderr. A failing stack
 * does not stop the next one; an interruption (Ctrl-C) does.
 */
export async function runStacks(command: string, options: StackCommandOptions, io: Io, runner: StackRunner): Promise<StacksResult> {
  const loaded = loadManifests(options, io);
  if (loaded.problems.length > 0) printProblems(io, loaded.problems, options);
  if (hasErrors(loaded.problems)) return { outcomes: [], exitCode: ExitCode.failure };
  if (loaded.manifests.length === 0) {
    // The loader reports empty files and directories itself; this is the case of no -f at all.
    const where = options.files.length > 0 ? ` in ${options.files.join(", ")}` : "";
    const none = new PlantonError("usage", `cannot ${command} any stack: no manifests found${where}`, {
      hint: "pass -f with a manifest file, a directory of *.yaml/*.yml manifests, or - for stdin",
    });
    return { outcomes: [], exitCode: reportError(none, io, options.verbose) };
  }
  const resolved = resolveStackTargets(loaded.manifests, options.stackFlags, io.env, homedir(), io.cwd);
  if (resolved.problems.length > 0) {
    printProblems(io, resolved.problems, options);
    return { outcomes: [], exitCode: ExitCode.failure };
  }
  for (const notice of resolved.notices) io.stderr.write(`${notice}\n`);

  const outcomes: { target: StackTarget; outcome: StackOutcome }[] = [];
  let interrupted = false;
  for (const target of resolved.targets) {
    if (interrupted) {
      outcomes.push({ target, outcome: { ok: false, changed: false, summary: "skipped (interrupted)" } });
      continue;
    }
    try {
      outcomes.push({ target, outcome: await runner(target) });
    } catch (err) {
      reportError(err, io, options.verbose);
      interrupted = isPlantonError(err) && err.kind === "interrupted";
      outcomes.push({ target, outcome: { ok: false, changed: false, summary: failureSummary(err) } });
    }
  }
  io.stderr.write(renderStacksSummary(command, outcomes));
  return { outcomes, exitCode: outcomes.every((o) => o.outcome.ok) ? ExitCode.ok : ExitCode.failure };
}

function failureSummary(err: unknown): string {
  if (!isPlantonError(err)) return "failed";
  const reason = err.message.replace(/^cannot [^:]*: /, "");
  return `failed: ${reason}`;
}

/** `planton apply: 2 stacks` then `  ok      acme-prod-rds (keys/rds.yaml): 2 created` per stack. */
export function renderStacksSummary(command: string, outcomes: readonly { target: StackTarget; outcome: StackOutcome }[]): string {
  const lines = outcomes.map(({ target, outcome }) =>
    `  ${(outcome.ok ? "ok" : "FAILED").padEnd(7)} ${target.stack} (${target.manifest.file}): ${outcome.summary}`,
  );
  return `\nplanton ${command}: ${outcomes.length} stack${outcomes.length === 1 ? "" : "s"}\n${lines.join("\n")}\n`;
}

/** `--output` of the engine commands that print one document for all stacks (refresh, destroy). */
export type DocumentFormat = "text" | "json" | "yaml";

/**
 * Prints the one machine-readable document of a run on stdout: JSON, or the same as YAML. Text is
 * printed stack by stack as the run goes, so there is nothing left to print for it.
 */
export function printDocument(io: Io, format: DocumentFormat, document: unknown): void {
  switch (format) {
    case "json":
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      return;
    case "yaml":
      io.stdout.write(stringify(document));
      return;
    case "text":
      return;
  }
}
