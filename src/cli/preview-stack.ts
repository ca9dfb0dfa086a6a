import type { Problem } from "../core/problem";
import type { EngineEvent } from "../engine/engine-event";
import { PlantonError } from "../core/planton-error";
import { findAliasOwners } from "../engine/alias-owners";
import { openStack, type StackHandle } from "../engine/open-stack";
import { runOperation } from "../engine/run-operation";
import { aliasClaims } from "../plan/alias-claims";
import { buildPlan } from "../plan/build-plan";
import { safetyRefusals } from "../plan/guard-plan";
import type { Plan } from "../plan/plan";
import type * as CreateProgram from "../program/create-program";
import type { StackTarget } from "./resolve-stack-options";

/** How to preview a stack. */
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
  /** False under `--no-refresh`: plan from the state without reading the live resources. */
  readonly refresh: boolean;
  readonly signal?: AbortSignal;
  /** Aborted when the user pressed Ctrl-C. */
  readonly interrupted?: AbortSignal;
  /** Raw engine output (for --verbose). */
  readonly onEngineOutput?: (text: string) => void;
  /** Every engine event as it arrives (for the heartbeat). */
  readonly onEvent?: (event: EngineEvent) => void;
}

/** An opened stack with its plan and the safety rails' refusals; the caller closes `handle`. */
export interface PreviewedStack {
  readonly handle: StackHandle;
  readonly plan: Plan;
  readonly refusals: readonly Problem[];
  readonly events: readonly EngineEvent[];
}

/**
 * Opens (or creates) the manifest's stack with its inline program, previews it, builds the
 * structured Plan and guards it (replacement and broadening rails). Shared by `preview` and
 * `apply`, so both see the same plan and refuse the same plans.
 */
export async function previewStack(target: StackTarget, options: PreviewStackOptions): Promise<PreviewedStack> {
  // The program is the only code that loads @pulumi/aws; load it only when a stack really runs.
  const { createProgram } = require("../program/create-program") as typeof CreateProgram;
  const program = createProgram(target.manifest.key, {
    ...(target.aws.endpointUrl !== undefined ? { endpointUrl: target.aws.endpointUrl } : {}),
    ...(target.aws.profile !== undefined ? { profile: target.aws.profile } : {}),
  });
  const handle = await openStack({
    stack: target.stack,
    backend: target.backend,
    envVars: target.envVars,
    program,
    mode: "create-or-select",
  });
  try {
    const result = await runOperation(handle, "preview", {
      refresh: options.refresh,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.interrupted ? { interrupted: options.interrupted } : {}),
      ...(options.onEngineOutput ? { onEngineOutput: options.onEngineOutput } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const plan = buildPlan({ stack: target.stack, file: target.manifest.file, name: target.manifest.name }, result.events);
    await refuseTakenAliases(target, plan);
    return { handle, plan, refusals: safetyRefusals(plan, options), events: result.events };
  } catch (err) {
    handle.close();
    throw err;
  }
}

/**
 * Fails before anything is created when an alias the plan creates already points at a key outside
 * the stack (KMS would refuse it half-way through apply, after the new key exists). Replica
 * regions are looked up only without an endpoint override, which serves one region.
 */
async function refuseTakenAliases(target: StackTarget, plan: Plan): Promise<void> {
  const spec = target.manifest.key.spec;
  if (spec === undefined || spec.alias === "") return;
  const replicaRegions = target.aws.endpointUrl === undefined ? spec.replicaRegions : [];
  const claims = aliasClaims(plan, { alias: spec.alias, region: target.aws.region, replicaRegions });
  const [taken] = await findAliasOwners(claims, target.aws);
  if (taken === undefined) return;
  throw new PlantonError("refused", `cannot use ${taken.name} in ${taken.region} for stack ${target.stack}: it already points at key ${taken.targetKeyId}, which this stack does not manage`, {
    hint: `import that key with \`planton import --key-id ${taken.targetKeyId}\` (it adopts the key and its aliases), or choose another spec.alias; nothing was created`,
  });
}
