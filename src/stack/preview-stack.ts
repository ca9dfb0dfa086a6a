import { PlantonError } from "../core/planton-error";
import type { Problem } from "../core/problem";
import type { EngineStack } from "../engine/engine";
import { aliasClaims } from "../plan/alias-claims";
import { buildPlan, hasChanges } from "../plan/build-plan";
import { safetyRefusals } from "../plan/guard-plan";
import { liveKeyFacts } from "../plan/live-key-facts";
import type { Plan } from "../plan/plan";
import { refuseSecondKey, resolvePendingOperations } from "./pending-operations";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import type { StackSession } from "./stack-session";

/** How to preview a stack: the engine options of a preview (and of the preview inside apply). */
export interface PreviewStackOptions {
  /** `--allow-replace`: let a plan that replaces or deletes a key, or retargets an alias, through. */
  readonly allowReplace: boolean;
  /** `--allow-broadening`: let a key policy change that broadens access through. */
  readonly allowBroadening: boolean;
  /**
   * True when a person will confirm the plan at a terminal (apply without `--yes`, or a preview
   * at a terminal): the confirmation, after a plan that calls the broadening out, is the check.
   */
  readonly interactive: boolean;
  /** False under `--no-refresh`: plan from the state without reading the live resources first. */
  readonly refresh: boolean;
}

/** A stack's plan and the safety rails' refusals of it. */
export interface StackPlan {
  readonly plan: Plan;
  readonly refusals: readonly Problem[];
  /** What the plan was computed against, when the preview was bound (apply, `preview --out`). */
  readonly basis?: PlanBasis;
}

/** What a plan was computed against, and what the engine needs to hold an update to it. */
export interface PlanBasis {
  /** The stack's state stamp taken with the preview (EngineStack.stateStamp). */
  readonly state: string;
  /** The facts of the key the preview read (liveKeyFacts): live when it refreshed. */
  readonly liveKey: string;
  /** Whether the preview read the live resources first. */
  readonly refreshed: boolean;
  /** The engine's update plan for this preview (Pulumi's plan file). */
  readonly enginePlan: string;
}

/**
 * How planStack previews: `bind` records the basis (the state stamp and the engine's update plan);
 * `pending: "resolve"` (apply) adopts or drops what a killed run left pending, `"report"` (the
 * default, preview) only says what the next apply will do.
 */
export interface PlanHow {
  readonly bind?: boolean;
  readonly pending?: "resolve" | "report";
}

/**
 * Opens (or creates) the manifest's stack with its program, previews it, builds the structured
 * Plan (with what drifted, when it reads the live resources first), refuses an alias held
 * outside the stack, guards it (replacement and broadening rails) and reports it. Shared by
 * `preview` and `apply`, so both see the same plan and refuse the same plans. The stack stays
 * open for apply. What a killed run left pending is resolved first by apply, and only reported
 * by preview.
 */
export async function planStack(session: StackSession<StackPlan>, options: PreviewStackOptions, how: PlanHow = {}): Promise<StackPlan & { readonly stack: EngineStack }> {
  const stack = await session.openStack();
  const pending = how.pending ?? "report";
  const adopting = await resolvePendingOperations(session, stack, pending);
  // An apply that adopted resources has just refreshed the whole state: the preview reads nothing twice.
  const refresh = options.refresh && !(pending === "resolve" && adopting.length > 0);
  const doing = `previewing stack ${session.target.stack}`;
  // The stamp is read while the preview runs: one that lands in between makes the stamp older
  // than the preview, so the later check refuses (never lets a change through).
  const [previewed, stamped] = await Promise.allSettled([
    session.run(stack, "preview", doing, how.bind === true ? { savePlan: true, refresh } : { refresh }),
    how.bind === true ? stack.stateStamp() : undefined,
  ]);
  // Both finish before either failure ends the stack (and closes its workspace).
  if (previewed.status === "rejected") throw previewed.reason;
  if (stamped.status === "rejected") throw stamped.reason;
  const result = previewed.value;
  const state = stamped.value;
  const plan = buildPlan(session.target.label, result.events);
  // A lost state is the narrower diagnosis of an alias held outside the stack: say it first.
  await refuseSecondKey(session, stack, plan, adopting);
  await refuseTakenAliases(session, plan);
  const refusals = safetyRefusals(plan, options);
  const basis = state !== undefined ? { state, liveKey: liveKeyFacts(result.events), refreshed: refresh, enginePlan: result.enginePlan ?? "" } : undefined;
  const planned = { plan, refusals, ...(basis !== undefined ? { basis } : {}) };
  session.record(planned);
  session.report({ kind: "planned", plan, refusals });
  return { stack, ...planned };
}

/**
 * Fails before anything is created when an alias the plan creates already points at a key outside
 * the stack (KMS would refuse it half-way through apply, after the new key exists). Replica
 * regions are looked up only without an endpoint override, which serves one region.
 */
async function refuseTakenAliases(session: StackSession<StackPlan>, plan: Plan): Promise<void> {
  const { target } = session;
  const spec = target.manifest?.key.spec;
  if (spec === undefined || spec.alias === "") return;
  const replicaRegions = target.aws.endpointUrl === undefined ? spec.replicaRegions : [];
  const claims = aliasClaims(plan, { alias: spec.alias, region: target.aws.region, replicaRegions });
  if (claims.length === 0) return;
  const [taken] = await session.findAliasOwners(claims);
  if (taken === undefined) return;
  throw new PlantonError("refused", `cannot use ${taken.name} in ${taken.region} for stack ${target.stack}: it already points at key ${taken.targetKeyId}, which this stack does not manage`, {
    hint: `import that key with \`planton import --key-id ${taken.targetKeyId}\` (it adopts the key and its aliases), or choose another spec.alias; nothing was created`,
  });
}

/** One stack's preview: a plan a safety rail refuses fails the stack, as apply would refuse it. */
export async function previewStack(session: StackSession<StackPlan>, options: PreviewStackOptions & { readonly save?: boolean }): Promise<StackOutcome> {
  // A plan to save is bound to what it was computed against (see savedPlan); the CLI makes sure
  // it read the live key (no --out with --no-refresh).
  const { plan, refusals } = await planStack(session, options, { bind: options.save === true });
  return { ok: refusals.length === 0, changed: hasChanges(plan) };
}

/** Previews every manifest's stack. */
export function previewStacks(options: StacksOptions & PreviewStackOptions & { readonly save?: boolean }, ctx: StackContext): Promise<StacksRun<StackPlan>> {
  return runStacks({ command: "preview", verb: "preview", judgesPolicy: true }, options, ctx, (session) => previewStack(session, options));
}
