import { hasErrors, type Problem } from "../core/problem";
import { isPlantonError, PlantonError } from "../core/planton-error";
import type { Engine } from "../engine/engine";
import type { StackLock } from "../engine/stack-lock";
import { loadManifests, type LoadManifestsOptions, type Manifest, type ManifestSources } from "./load-manifests";
import type { ReportSink } from "./run-report";
import { scheduleStacks } from "./schedule-stacks";
import { checkEndpoint } from "./check-endpoint";
import { stackSession, type Interrupt, type StackSession } from "./stack-session";
import { resolveStackTargets, stateOnlyTarget, type StackTarget, type StackTargetOptions } from "./stack-targets";

/** What every stack operation is given from outside: the engine, the sources, Ctrl-C, the printer. */
export interface StackContext {
  readonly engine: Engine;
  readonly sources: ManifestSources;
  /** The user's home directory, for the default local backend. */
  readonly homeDir: string;
  /** Sets up Ctrl-C handling for one run (the frame disposes it at the end). */
  readonly interrupts: () => Interrupt;
  readonly report: ReportSink;
  /** --verbose: the engine's own output is reported in whole lines. */
  readonly verbose: boolean;
}

/** Which manifests and where their stacks live: the options every stack operation shares. */
export interface StacksOptions extends LoadManifestsOptions {
  readonly stackFlags: StackTargetOptions;
  /** Manifests already resolved (a saved plan's), run instead of loading `files`. */
  readonly manifests?: readonly Manifest[];
  /** `--parallel`: at most this many stacks at once; default 1, one after another. */
  readonly parallel?: number;
  /** `--fail-fast`: after the first failed stack, start no other (the rest are skipped). */
  readonly failFast?: boolean;
}

/** How one stack's operation ended, when it did not throw. */
export interface StackOutcome {
  readonly ok: boolean;
  /** True when the stack had (or got) changes; `preview --detailed-exitcode` exits 2. */
  readonly changed: boolean;
}

/**
 * One stack's result: its outcome, what it recorded (`detail`), and the error that failed it;
 * `skipped` when the run stopped before the stack started: by an interruption, or by
 * `--fail-fast` after an earlier stack failed.
 */
export interface StackResult<D> extends StackOutcome {
  readonly target: StackTarget;
  /** The stack's locks as found when it was opened (absent when none, or it was never opened). */
  readonly locks?: readonly StackLock[];
  readonly detail?: D;
  readonly error?: unknown;
  readonly skipped?: SkipReason;
}

/** Why a stack never started. */
export type SkipReason = "interrupted" | "fail-fast";

/** A problem found before the engine started, with the name of the manifest it belongs to. */
export interface RunProblem extends Problem {
  /** `metadata.name` of the manifest, `""` when the document has none or it is a flag's problem. */
  readonly name: string;
}

/** What a run of several stacks came to, in input order. */
export interface StacksRun<D> {
  readonly results: readonly StackResult<D>[];
  /** Every manifest problem, warnings included; an error means no stack ran. */
  readonly problems: readonly RunProblem[];
  /** Why the run stopped before any stack, when it was not a manifest problem. */
  readonly error?: unknown;
  /** True when nothing failed: no manifest error, no run error, every stack ok. */
  readonly ok: boolean;
}

/** The names a frame's failures use: `apply` for the summary, `read the outputs of` for errors. */
export interface FrameNames {
  readonly command: string;
  readonly verb: string;
  /** The command judges or deploys the key policy (preview, apply): it warns about the AWS default policy. */
  readonly judgesPolicy: boolean;
  /** The command works from a stack's state alone (destroy, refresh, outputs): `--stack NAME` without `-f`. */
  readonly fromState?: boolean;
  /** The command reads the state only (outputs): it never calls KMS, so its endpoint is not checked. */
  readonly stateOnly?: boolean;
}

/** One stack's operation, run by the frame inside its session. */
export type StackOperation<D> = (session: StackSession<D>) => Promise<StackOutcome>;

/**
 * The frame of every engine command: load and validate the manifests (an error stops the run
 * before the engine starts), resolve their stacks (or, for a command that works `fromState`,
 * the one stack `--stack NAME` names when no manifest is given), report the engine notices once, set up Ctrl-C,
 * run each stack in a session (which closes what it opened), and collect the results in input
 * order. A failing stack does not stop the next one (unless `failFast`); an interruption does. scheduleStacks decides
 * how many stacks run at once and keeps each stack's reports together.
 */
export async function runStacks<D>(names: FrameNames, options: StacksOptions, ctx: StackContext, operation: StackOperation<D>): Promise<StacksRun<D>> {
  const loaded = options.manifests !== undefined ? { manifests: options.manifests, reports: [] } : loadManifests({ ...options, warnDefaultPolicy: names.judgesPolicy }, ctx.sources);
  const problems: RunProblem[] = loaded.reports.flatMap((r) => r.problems.map((p) => ({ ...p, name: r.name })));
  if (problems.length > 0) ctx.report({ kind: "problems", problems });
  if (hasErrors(problems)) return { results: [], problems, ok: false };
  if (loaded.manifests.length === 0) {
    const stack = options.stackFlags.stack;
    if (names.fromState === true && options.files.length === 0 && stack !== undefined && stack !== "") {
      const { target, notices } = stateOnlyTarget(stack, options.stackFlags, ctx.sources.env, ctx.homeDir, ctx.sources.cwd);
      return runTargets(names, [target], notices, problems, options, ctx, operation);
    }
    // The loader reports empty files and directories itself; this is the case of no -f at all.
    const where = options.files.length > 0 ? ` in ${options.files.join(", ")}` : "";
    const error = new PlantonError("usage", `cannot ${names.command} any stack: no manifests found${where}`, {
      hint: `pass -f with a manifest file, a directory of *.yaml/*.yml manifests, or - for stdin${names.fromState === true ? "; or --stack NAME alone to work from the stack's state" : ""}`,
    });
    ctx.report({ kind: "run-failed", error });
    return { results: [], problems, error, ok: false };
  }
  const resolved = resolveStackTargets(loaded.manifests, options.stackFlags, ctx.sources.env, ctx.homeDir, ctx.sources.cwd);
  if (resolved.problems.length > 0) {
    const unresolved = resolved.problems.map((p) => ({ ...p, name: loaded.manifests.find((m) => m.file === p.file)?.name ?? "" }));
    ctx.report({ kind: "problems", problems: unresolved });
    return { results: [], problems: [...problems, ...unresolved], ok: false };
  }
  return runTargets(names, resolved.targets, resolved.notices, problems, options, ctx, operation);
}

/** Reports the engine notices once, sets up Ctrl-C, and schedules the stacks. */
async function runTargets<D>(
  names: FrameNames,
  targets: readonly StackTarget[],
  notices: readonly string[],
  problems: readonly RunProblem[],
  options: StacksOptions,
  ctx: StackContext,
  operation: StackOperation<D>,
): Promise<StacksRun<D>> {
  for (const text of notices) ctx.report({ kind: "notice", text });
  const interrupt = ctx.interrupts();
  try {
    const results = await scheduleStacks(targets, { parallel: options.parallel ?? 1, failFast: options.failFast === true }, ctx.report, (target, report) =>
      runOne(names, target, { ...ctx, report }, interrupt, operation),
    );
    return { results, problems, ok: results.every((r) => r.ok) };
  } finally {
    interrupt.dispose();
  }
}

async function runOne<D>(names: FrameNames, target: StackTarget, ctx: StackContext, interrupt: Interrupt, operation: StackOperation<D>): Promise<StackResult<D>> {
  const session = stackSession<D>(target, { engine: ctx.engine, interrupt, report: ctx.report, verbose: ctx.verbose, verb: names.verb });
  try {
    throwIfInterrupted(interrupt, names.verb, target.stack);
    if (names.stateOnly !== true) await checkEndpoint(target, names.verb, ctx.engine);
    const outcome = await operation(session);
    return { ...outcome, target, ...detailOf(session.detail()), ...locksOf(session.locks()) };
  } catch (error) {
    ctx.report({ kind: "stack-failed", label: target.label, error });
    return { target, ok: false, changed: false, error, ...detailOf(session.detail()), ...locksOf(session.locks()) };
  } finally {
    session.close();
  }
}

function detailOf<D>(detail: D | undefined): { detail?: D } {
  return detail === undefined ? {} : { detail };
}

function locksOf(locks: readonly StackLock[]): { locks?: readonly StackLock[] } {
  return locks.length === 0 ? {} : { locks };
}

/** Throws the interruption before a stack starts, so a Ctrl-C between stacks stops the run. */
export function throwIfInterrupted(interrupt: Pick<Interrupt, "interrupted">, verb: string, stack: string): void {
  if (interrupt.interrupted.aborted) throw new PlantonError("interrupted", `cannot ${verb} stack ${stack}: interrupted before it started`);
}

/**
 * Why a stack failed, in a few words: `failed: <reason>` (a PlantonError's message without its
 * `cannot ‹plain words› stack ‹name›: ` head, which the summary line says already; a head naming
 * something else, as in `cannot use alias/x in us-east-1 for stack s: `, stays), `skipped
 * (interrupted)`, `skipped (--fail-fast)`; undefined when it did not fail.
 */
export function failureText(result: Pick<StackResult<unknown>, "error" | "skipped">): string | undefined {
  if (result.skipped) return `skipped (${result.skipped === "fail-fast" ? "--fail-fast" : "interrupted"})`;
  if (result.error === undefined) return undefined;
  if (!isPlantonError(result.error)) return "failed";
  return `failed: ${result.error.message.replace(/^cannot (?:[a-z-]+ )+stack \S+: /, "")}`;
}
