import type { AliasLookup, AliasOwner } from "../engine/alias-owners";
import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { PlantonError } from "../core/planton-error";
import type { Engine, EngineStack } from "../engine/engine";
import type { StackLock } from "../engine/stack-lock";
import { unlockCommand } from "../engine/unlock-command";
import type { IdentityKey } from "../engine/identity-keys";
import { isPlantonError } from "../core/planton-error";
import { identityTags } from "../defaults/key-tags";
import { describeInterruption } from "./pending-operations";
import type { Operation, OperationResult, RunOptions } from "../engine/run-operation";
import type { Adoption } from "../program/program-options";
import { engineOutputLines } from "./engine-output-lines";
import { publicKmsEndpoint } from "../engine/silent-endpoint";
import type { KmsEndpoint } from "../engine/to-planton-error";
import type { ReportSink, RunReport } from "./run-report";
import type { StackLabel, StackTarget } from "./stack-targets";

/** Ctrl-C for one run, set up by the CLI (it owns the process); `dispose` restores the default. */
export interface Interrupt {
  /** Handed to the engine: aborting it asks the engine to stop gracefully. */
  readonly signal: AbortSignal;
  /** Aborted by the first Ctrl-C, whoever delivered it to the engine. */
  readonly interrupted: AbortSignal;
  readonly dispose: () => void;
}

/** A report about the session's stack, without the label the session adds. */
export type StackReport = RunReport extends infer R ? (R extends { label: StackLabel } ? Omit<R, "label"> : never) : never;

/**
 * What one stack's operation gets from the frame: its target, the engine, and `run`, which
 * wires cancellation, progress reports and --verbose output into every engine operation.
 * Stacks opened through the session are closed by the frame when the stack is done.
 */
export interface StackSession<D> {
  readonly target: StackTarget;
  /** Aborted by Ctrl-C: a question waiting for an answer stops waiting. */
  readonly interrupted: AbortSignal;
  /** Opens the stack with the manifest's program, creating it when new; with `adopt`, the program imports those live resources. */
  openStack(adopt?: Adoption): Promise<EngineStack>;
  /**
   * Opens the stack without creating it; undefined when it does not exist. With a manifest, its
   * program comes along, so destroy and refresh reach AWS as this run says, not as the state
   * recorded it (a stack known from its state alone keeps the state's providers).
   */
  openExistingStack(): Promise<EngineStack | undefined>;
  /**
   * Runs one engine operation; `doing` names it for the heartbeat (`applying stack payments`);
   * `options` carries what the operation picks itself: refresh (read the live resources first,
   * preview and update), save or enforce an update plan, the update's message.
   */
  run(stack: EngineStack, operation: Operation, doing: string, options?: PlanRunOptions): Promise<OperationResult>;
  /** The aliases among `lookups` that already exist, read as the stack's program reaches AWS. */
  findAliasOwners(lookups: readonly AliasLookup[]): Promise<AliasOwner[]>;
  /**
   * Live keys carrying the manifest's identity tags (`planton:*`), in the stack's region or in
   * `region` (a replica's: reached the standard way, as the replica's provider is, without the
   * primary's endpoint).
   */
  findIdentityKeys(region?: string): Promise<IdentityKey[]>;
  /** The stack's locks in its backend (not reported: the caller says what it does with them). */
  listLocks(): Promise<readonly StackLock[]>;
  /** Removes exactly these locks. */
  removeLocks(locks: readonly StackLock[]): Promise<void>;
  /** Keeps what the stack has come to so far: it is the stack's detail even when it fails later. */
  record(detail: D): void;
  report(report: StackReport): void;
}

/** The options of an operation that a stack operation picks itself (the frame wires the rest). */
export type PlanRunOptions = Pick<RunOptions, "refresh" | "savePlan" | "enginePlan" | "message">;

/** What the frame hands a session. */
export interface SessionDeps {
  readonly engine: Engine;
  readonly interrupt: Interrupt;
  readonly report: ReportSink;
  readonly verbose: boolean;
  /** What the command does to the stack (`apply`, `read the outputs of`), for faults found on opening it. */
  readonly verb: string;
}

/**
 * A session for one stack, with `close` (every stack it opened), the last recorded detail, and
 * the stack's locks as found when it was first opened.
 */
export function stackSession<D>(target: StackTarget, deps: SessionDeps): StackSession<D> & { close(): void; detail(): D | undefined; locks(): readonly StackLock[] } {
  const opened: EngineStack[] = [];
  const address = { stack: target.stack, backend: target.backend, envVars: target.envVars, verb: deps.verb };
  let detail: D | undefined;
  let locks: readonly StackLock[] | undefined;
  const report = (r: StackReport): void => deps.report({ ...r, label: target.label } as RunReport);
  const keep = async (stack: EngineStack): Promise<EngineStack> => {
    opened.push(stack);
    for (const text of stack.recovered) report({ kind: "recovered", text });
    // Every command that reads the stack says who holds its lock: a lock left by a killed run
    // would otherwise stay hidden behind "no changes" until the next real change fails.
    if (locks === undefined) locks = await readLocks(deps.engine, address, report);
    return stack;
  };
  return {
    target,
    interrupted: deps.interrupt.interrupted,
    openStack: async (adopt) => await keep(await deps.engine.openStack(address, { key: manifestKey(target), options: { ...programOptions(target), ...(adopt !== undefined ? { adopt } : {}) } })),
    openExistingStack: async () => {
      const program = target.manifest !== undefined ? { key: target.manifest.key, options: programOptions(target) } : undefined;
      const stack = await deps.engine.openExistingStack(address, program);
      return stack === undefined ? undefined : await keep(stack);
    },
    run: async (stack, operation, doing, options = {}) => {
      // Whole lines only: the engine's last line may come without its newline, flushed at the end.
      const lines = deps.verbose ? engineOutputLines((text) => report({ kind: "engine-output", text })) : undefined;
      report({ kind: "operation-started", doing });
      try {
        return await stack.run(operation, {
          signal: deps.interrupt.signal,
          interrupted: deps.interrupt.interrupted,
          onEvent: (event) => report({ kind: "engine-event", event }),
          endpoint: endpoint(target),
          ...options,
          ...(lines !== undefined ? { onEngineOutput: lines } : {}),
        });
      } catch (err) {
        // Say what the interrupted operation left behind, read from the state, not assumed.
        throw isPlantonError(err) && err.kind === "interrupted" && operation !== "preview" ? await describeInterruption(err, stack) : err;
      } finally {
        lines?.flush();
        report({ kind: "operation-ended" });
      }
    },
    findIdentityKeys: (region) =>
      deps.engine.findIdentityKeys(region === undefined ? target.aws : { region, ...(target.aws.profile !== undefined ? { profile: target.aws.profile } : {}) }, identityTags(manifestKey(target))),
    findAliasOwners: (lookups) => deps.engine.findAliasOwners(lookups, programOptions(target)),
    listLocks: () => deps.engine.listLocks(address, target.stack),
    removeLocks: (found) => deps.engine.removeLocks(address, found),
    record: (value) => void (detail = value),
    report,
    close: () => opened.splice(0).forEach((stack) => stack.close()),
    detail: () => detail,
    locks: () => locks ?? [],
  };
}

/** The stack's locks, each reported; a backend that cannot be listed is a warning, not a failure. */
async function readLocks(engine: Engine, address: Pick<StackTarget, "stack" | "backend" | "envVars">, report: (r: StackReport) => void): Promise<readonly StackLock[]> {
  try {
    const locks = await engine.listLocks(address, address.stack);
    for (const lock of locks) report({ kind: "locked", lock, unlock: unlockCommand(address.stack, address.backend.url) });
    return locks;
  } catch (err) {
    report({ kind: "stack-warning", text: `warning: ${err instanceof Error ? err.message : String(err)}` });
    return [];
  }
}

/** The key a program deploys: only a manifest's target has one (destroy, refresh and outputs open existing stacks). */
function manifestKey(target: StackTarget): AwsKmsKey {
  if (target.manifest === undefined) throw new PlantonError("usage", `cannot open stack ${target.stack} with a program: no manifest given`, { hint: "pass -f with the stack's manifest" });
  return target.manifest.key;
}

function programOptions(target: StackTarget): { endpointUrl?: string; profile?: string; timeoutSeconds: number } {
  return {
    ...(target.aws.endpointUrl !== undefined ? { endpointUrl: target.aws.endpointUrl } : {}),
    ...(target.aws.profile !== undefined ? { profile: target.aws.profile } : {}),
    timeoutSeconds: target.aws.timeoutSeconds,
  };
}

/**
 * The KMS endpoint the stack's primary provider calls (the user's, else the region's public one;
 * unknown for a state-only stack) and the deadline of each write, to word a timeout.
 */
function endpoint(target: StackTarget): KmsEndpoint {
  const url = target.aws.endpointUrl ?? (target.aws.region !== "" ? publicKmsEndpoint(target.aws.region) : undefined);
  return { ...(url !== undefined ? { url } : {}), seconds: target.aws.timeoutSeconds };
}
