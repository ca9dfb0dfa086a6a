import type { Problem } from "../core/problem";
import type { EngineStack } from "../engine/engine";
import { buildPlan, hasChanges } from "../plan/build-plan";
import { safetyRefusals } from "../plan/guard-plan";
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
}

/** A stack's plan and the safety rails' refusals of it. */
export interface StackPlan {
  readonly plan: Plan;
  readonly refusals: readonly Problem[];
}

/**
 * Opens (or creates) the manifest's stack with its program, previews it, builds the structured
 * Plan, guards it (replacement and broadening rails) and reports it. Shared by `preview` and
 * `apply`, so both see the same plan and refuse the same plans. The stack stays open for apply.
 * What a killed run left pending is resolved first by apply, and only reported by preview.
 */
export async function planStack(
  session: StackSession<StackPlan>,
  options: PreviewStackOptions,
  pending: "resolve" | "report" = "report",
): Promise<StackPlan & { readonly stack: EngineStack }> {
  const stack = await session.openStack();
  const adopting = await resolvePendingOperations(session, stack, pending);
  const result = await session.run(stack, "preview", `previewing stack ${session.target.stack}`);
  const plan = buildPlan(session.target.label, result.events);
  const refusals = safetyRefusals(plan, options);
  session.record({ plan, refusals });
  session.report({ kind: "planned", plan, refusals });
  await refuseSecondKey(session, stack, plan, adopting);
  return { stack, plan, refusals };
}

/** One stack's preview: a plan a safety rail refuses fails the stack, as apply would refuse it. */
export async function previewStack(session: StackSession<StackPlan>, options: PreviewStackOptions): Promise<StackOutcome> {
  const { plan, refusals } = await planStack(session, options);
  return { ok: refusals.length === 0, changed: hasChanges(plan) };
}

/** Previews every manifest's stack. */
export function previewStacks(options: StacksOptions & PreviewStackOptions, ctx: StackContext): Promise<StacksRun<StackPlan>> {
  return runStacks({ command: "preview", verb: "preview" }, options, ctx, (session) => previewStack(session, options));
}
