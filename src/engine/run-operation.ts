import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EngineEvent as SdkEngineEvent } from "@pulumi/pulumi/automation";
import type { EngineEvent } from "./engine-event";
import type { StackHandle } from "./open-stack";
import { createdState, watchStateWrites } from "./state-writes";
import { toEngineEvent } from "./to-engine-event";
import { toPlantonError, type CreatedResource, type KmsEndpoint } from "./to-planton-error";

/**
 * What the engine can do to a stack. `refresh-preview` reads the live resources and reports how
 * they differ from the state without writing it (`pulumi refresh --preview-only`).
 */
export type Operation = "preview" | "update" | "destroy-preview" | "destroy" | "refresh-preview" | "refresh";

/** A stack output as the engine returns it. */
export interface OutputValue {
  readonly value: unknown;
  readonly secret: boolean;
}

/** How to follow and steer an operation. */
export interface RunOptions {
  /** Called for every engine event as it arrives. */
  readonly onEvent?: (event: EngineEvent) => void;
  /** Aborting asks the engine to stop gracefully (the CLI gets SIGINT). */
  readonly signal?: AbortSignal;
  /** Aborted when the user interrupted the run (defaults to `signal`), to word the failure. */
  readonly interrupted?: AbortSignal;
  /** Raw engine output, for --verbose. */
  readonly onEngineOutput?: (text: string) => void;
  /**
   * For `preview` and `update`: read the live resources first (Pulumi's `--refresh`), so changes
   * made outside planton show as drift and an update puts the manifest back. Ignored elsewhere.
   */
  readonly refresh?: boolean;
  /** Preview: also return the engine's update plan (`enginePlan` in the result). */
  readonly savePlan?: boolean;
  /** Update: the engine's update plan a preview returned; the update fails where it departs from it. */
  readonly enginePlan?: string;
  /** Update: the message the stack's history keeps for it. */
  readonly message?: string;
  /** The KMS endpoint the providers call, to word a call that ran past its deadline. */
  readonly endpoint?: KmsEndpoint;
}

/** What an operation produced. */
export interface OperationResult {
  /** Every engine event, in order (a preview's plan is built from these). */
  readonly events: readonly EngineEvent[];
  /** Stack outputs after an update; empty for the other operations. */
  readonly outputs: Readonly<Record<string, OutputValue>>;
  /** A preview's update plan (Pulumi's plan file, as text), when asked for with `savePlan`. */
  readonly enginePlan?: string;
}

const VERB: Readonly<Record<Operation, string>> = {
  preview: "preview",
  update: "apply",
  // The user ran destroy; that its preview step failed is a detail.
  "destroy-preview": "destroy",
  destroy: "destroy",
  "refresh-preview": "refresh",
  refresh: "refresh",
};

/**
 * Runs one engine operation on an opened stack, translating its events as they arrive and any
 * failure into a PlantonError (see toPlantonError).
 */
export async function runOperation(handle: StackHandle, operation: Operation, options: RunOptions = {}): Promise<OperationResult> {
  const events: EngineEvent[] = [];
  const diagnostics: string[] = [];
  const onEvent = (sdkEvent: SdkEngineEvent): void => {
    const event = toEngineEvent(sdkEvent);
    if (event === undefined) return;
    events.push(event);
    if (event.kind === "diagnostic" && event.severity === "error") diagnostics.push(event.message);
    options.onEvent?.(event);
  };
  const common = {
    onEvent,
    color: "never" as const,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEngineOutput ? { onOutput: options.onEngineOutput, onError: options.onEngineOutput } : {}),
    // The providers (their endpoint, profile, timeouts) come from this run's program, not from
    // the state an earlier run left: for destroy and refresh, and for the read before a preview
    // or update (Pulumi's --run-program).
    ...(handle.runsProgram ? { runProgram: true } : {}),
  };
  const writes = handle.localDir !== undefined ? watchStateWrites(handle.localDir, handle.name) : undefined;
  try {
    const plans = planFiles(handle, options);
    const outputs = await run(handle, operation, { ...common, ...plans.args });
    const enginePlan = plans.saved();
    return { events, outputs, ...(enginePlan !== undefined ? { enginePlan } : {}) };
  } catch (err) {
    const repaired = writes?.repair() ?? [];
    const created = operation === "update" ? createdResources(events) : [];
    // What the state holds of them, read back once it is repaired: a failed write may not record them.
    const readBack = handle.localDir !== undefined && created.length > 0 ? createdState(handle.localDir, handle.name, created) : created;
    throw toPlantonError(err, {
      verb: VERB[operation],
      stack: handle.name,
      diagnostics,
      interrupted: (options.interrupted ?? options.signal)?.aborted === true,
      backendUrl: handle.backendUrl,
      ...(operation === "update" ? { created: readBack } : {}),
      repaired,
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    });
  } finally {
    writes?.close();
  }
}

type CommonOptions = {
  onEvent: (event: SdkEngineEvent) => void;
  color: "never";
  signal?: AbortSignal;
  onOutput?: (text: string) => void;
  onError?: (text: string) => void;
  refresh?: boolean;
  plan?: string;
  message?: string;
  runProgram?: boolean;
};

/**
 * The engine reads and writes update plans as files: a preview's plan is written into the
 * stack's throwaway workspace and read back; a plan to enforce is written there for the update.
 */
function planFiles(handle: StackHandle, options: RunOptions): { args: Partial<CommonOptions>; saved: () => string | undefined } {
  const path = join(handle.workDir, "update-plan.json");
  const args: Partial<CommonOptions> = {
    ...(options.refresh === true ? { refresh: true } : {}),
    ...(options.message !== undefined ? { message: options.message } : {}),
  };
  if (options.enginePlan !== undefined) writeFileSync(path, options.enginePlan, { mode: 0o600 });
  if (options.enginePlan !== undefined || options.savePlan === true) args.plan = path;
  return { args, saved: () => (options.savePlan === true ? readFileSync(path, "utf8") : undefined) };
}

async function run(handle: StackHandle, operation: Operation, common: CommonOptions): Promise<Record<string, OutputValue>> {
  const { stack } = handle;
  switch (operation) {
    case "preview":
      await stack.preview({ ...common, diff: false });
      return {};
    case "update":
      // `plan` enforces the update plan here; on a preview it saves one.
      return (await stack.up(common)).outputs;
    case "destroy-preview":
      await stack.destroy({ ...common, previewOnly: true });
      return {};
    case "destroy":
      await stack.destroy(common);
      return {};
    case "refresh-preview":
      await stack.previewRefresh(common);
      return {};
    case "refresh":
      await stack.refresh(common);
      return {};
  }
}

/**
 * What an update created before it failed (keys, replicas, aliases; not the engine's providers),
 * from its events: the state records these, so the failure can say what exists now.
 */
function createdResources(events: readonly EngineEvent[]): CreatedResource[] {
  return events.flatMap((event) => {
    if (event.kind !== "resource-done" || event.planning || event.step.type.startsWith("pulumi:")) return [];
    if (event.step.op !== "create" && event.step.op !== "create-replacement") return [];
    return [{ name: event.step.name, type: event.step.type, ...(event.step.new?.id ? { id: event.step.new.id } : {}) }];
  });
}

/** The outputs of a stack's last update, without running anything. */
export async function readOutputs(handle: StackHandle): Promise<Record<string, OutputValue>> {
  try {
    return await handle.stack.outputs();
  } catch (err) {
    throw toPlantonError(err, { verb: "read the outputs of", stack: handle.name, diagnostics: [], interrupted: false, backendUrl: handle.backendUrl });
  }
}
