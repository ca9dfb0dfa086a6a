import { PlantonError } from "../core/planton-error";
import { hasChanges } from "../plan/build-plan";
import { safetyRefusals } from "../plan/guard-plan";
import { liveKeyFacts } from "../plan/live-key-facts";
import { refreshDrift } from "../plan/refresh-drift";
import { refusedError, type StackApply } from "./apply-stack";
import { holdToBasis } from "./hold-to-basis";
import { savedManifest } from "./read-saved-plan";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import { appliedTag, withEndpoint, type SavedPlan, type SavedStack } from "./saved-plan";
import type { StackSession } from "./stack-session";

/** How to apply a saved plan: the file's content and its name (for errors). */
export interface ApplySavedPlanOptions {
  readonly saved: SavedPlan;
  readonly file: string;
}

/**
 * Applies one stack's saved plan and nothing else: the safety rails judge the saved plan with the
 * overrides it was made with; the stack's state must be the one the plan was computed against
 * (else it moved, or this plan was applied already), and the live key, read again, must be as the
 * plan read it (else it drifted). Then the engine runs the update held to the saved update plan,
 * tagged in the stack's history. No confirmation: the plan file is what was reviewed.
 */
export async function applySavedStack(session: StackSession<StackApply>, saved: SavedStack, plan: SavedPlan): Promise<StackOutcome> {
  const { target } = session;
  const refusals = safetyRefusals(saved.plan, { allowReplace: saved.allowReplace, allowBroadening: saved.allowBroadening, interactive: false });
  session.record({ plan: saved.plan, refusals });
  session.report({ kind: "planned", plan: saved.plan, refusals });
  if (refusals.length > 0) throw refusedError(target.stack, refusals, "to `planton preview --out` and review the new plan");
  const stack = await session.openStack();
  const hold = { stack: target.stack, appliedTag: appliedTag(plan) };
  // The state check and the live read run together, and both finish before the stack closes; a
  // moved state wins (it names an applied plan), then a failed read.
  const [held, live] = await Promise.allSettled([
    holdToBasis(stack, saved.basis, hold),
    session.run(stack, "preview", `checking stack ${target.stack} against its plan`, { refresh: true }),
  ]);
  if (held.status === "rejected") throw held.reason;
  if (live.status === "rejected") throw live.reason;
  if (liveKeyFacts(live.value.events) !== saved.basis.liveKey) throw driftError(target.stack, live.value.events);
  if (!hasChanges(saved.plan)) {
    session.record({ plan: saved.plan, refusals, outputs: await stack.outputs() });
    return { ok: true, changed: false };
  }
  // Again right before the update: the live read took time.
  await holdToBasis(stack, saved.basis, hold);
  session.report({ kind: "changing", verb: "apply" });
  const done = await session.run(stack, "update", `applying stack ${target.stack}`, {
    refresh: true,
    enginePlan: withEndpoint(saved.engine.pulumiPlan, target.aws.endpointUrl),
    message: hold.appliedTag,
  });
  session.record({ plan: saved.plan, refusals, outputs: done.outputs });
  return { ok: true, changed: true };
}

function driftError(stack: string, events: Parameters<typeof refreshDrift>[0]): PlantonError {
  const moved = refreshDrift(events).map((c) => (c.properties.length > 0 ? `${c.name} (${c.properties.map((p) => p.path).join(", ")})` : c.name));
  const what = moved.length > 0 ? `: ${moved.join("; ")} differ from the state` : "";
  return new PlantonError("moved", `cannot apply stack ${stack}: the live key changed since the plan was made (drift)${what}`, {
    hint: "nothing was applied; preview again to see the change, and apply the new plan",
  });
}

/** Applies every stack of a saved plan, one after another, with the plan's resolved manifests. */
export function applySavedPlan(options: Omit<StacksOptions, "files" | "manifests"> & ApplySavedPlanOptions, ctx: StackContext): Promise<StacksRun<StackApply>> {
  const { saved, file } = options;
  const byStack = new Map(saved.stacks.map((s) => [s.stack, s]));
  const manifests = saved.stacks.map((s) => savedManifest(s, file));
  // One stack keeps its (maybe --stack) name; several were named from their metadata, as again here.
  const only = saved.stacks.length === 1 ? saved.stacks[0]!.stack : undefined;
  const stackFlags = { ...options.stackFlags, ...(only !== undefined ? { stack: only } : {}) };
  return runStacks({ command: "apply", verb: "apply", judgesPolicy: true }, { ...options, files: [], manifests, stackFlags }, ctx, (session) => {
    const entry = byStack.get(session.target.stack);
    if (entry === undefined) throw new PlantonError("usage", `cannot apply stack ${session.target.stack}: plan ${file} has no entry for it (stack names changed since the plan)`);
    return applySavedStack(session, entry, saved);
  });
}
