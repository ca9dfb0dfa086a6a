import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import type { ProgramOptions } from "../program/program-options";
import type { AliasLookup, AliasLookupOptions, AliasOwner } from "./alias-owners";
import type { Backend } from "./backend-url";
import type { IdentityKey, KeyLocation } from "./identity-keys";
import type { PendingCreateResolution, PendingOperation } from "./pending-operations";
import type { StackLock } from "./stack-lock";
import type { Operation, OperationResult, OutputValue, RunOptions } from "./run-operation";

/** Where a stack lives: its name, state backend and the engine's environment. */
export interface StackAddress {
  readonly stack: string;
  readonly backend: Backend;
  /** Variables for the engine (see engineEnvironment). */
  readonly envVars: Readonly<Record<string, string>>;
  /** What the command does to the stack (`apply`, `read the outputs of`), to word a damaged state found on opening it. */
  readonly verb?: string;
}

/** A backend, and the engine's environment to reach it. */
export type StackLocation = Pick<StackAddress, "backend" | "envVars">;

/** One stack found in a backend: when it last changed, what it holds, its outputs. */
export interface StackListing {
  readonly name: string;
  /** The end of its last update, as the engine gives it (ISO 8601); absent when it never ran. */
  readonly lastUpdate?: string;
  readonly resourceCount?: number;
  /** Its outputs; empty when they were not asked for (see ListStacksOptions). */
  readonly outputs: Readonly<Record<string, OutputValue>>;
}

/** What a listing reads besides the stacks' names, updates and resource counts. */
export interface ListStacksOptions {
  /** Which stacks' outputs to read (reading them costs two CLI runs a stack); default every one. */
  readonly outputsOf?: (stack: string) => boolean;
}

/** The program a stack deploys: the key and how its providers reach AWS. */
export interface StackProgram {
  readonly key: AwsKmsKey;
  readonly options: ProgramOptions;
}

/** One opened stack; `close` removes its workspace. */
export interface EngineStack {
  readonly name: string;
  /** What opening the stack cleaned up (stale locks of killed runs), one line each. */
  readonly recovered: readonly string[];
  /** Runs one operation (see runOperation): events as they arrive, failures as PlantonErrors. */
  run(operation: Operation, options: RunOptions): Promise<OperationResult>;
  /** The outputs of the stack's last update, without running anything. */
  outputs(): Promise<Readonly<Record<string, OutputValue>>>;
  /**
   * A fingerprint of the stack's state as the backend holds it now: any update, refresh or
   * destroy that lands changes it, a preview does not (see stateStamp).
   */
  stateStamp(): Promise<string>;
  /** The messages of the stack's recent updates, newest first (a saved plan's apply is tagged there). */
  updateMessages(): Promise<readonly string[]>;
  /** What the state records: the ids of its resources and the operations a killed run left pending. */
  state(): Promise<StackState>;
  /** Adopts or drops pending creates in the state (see resolvePendingCreates). */
  resolvePendingCreates(resolutions: readonly PendingCreateResolution[]): Promise<void>;
  /** Removes the stack and its state from the backend: only the state goes, never a cloud resource. */
  remove(): Promise<void>;
  close(): void;
}

/** A stack's state as the operations need it. */
export interface StackState {
  /** Cloud ids of the resources the state records, by type token. */
  readonly recorded: readonly { readonly type: string; readonly id: string }[];
  readonly pending: readonly PendingOperation[];
}

/**
 * What the stack operations need of the deployment engine, passed in as `Io` is, so the
 * operations run against a fake in unit tests and against Pulumi (pulumiEngine) in planton.
 */
export interface Engine {
  /** Opens the stack with its program, creating the stack when it does not exist yet. */
  openStack(address: StackAddress, program: StackProgram): Promise<EngineStack>;
  /**
   * Opens an existing stack (destroy, refresh, outputs); undefined when there is none. With a
   * program, destroy and refresh run it, so its providers reach AWS as this run says (endpoint,
   * profile) rather than as the state recorded them; without one (a stack known from its state
   * alone) they use the state's providers.
   */
  openExistingStack(address: StackAddress, program?: StackProgram): Promise<EngineStack | undefined>;
  /** True when the KMS endpoint answers within `seconds`, or fails otherwise than by waiting (see endpointAnswers). */
  endpointAnswers(url: string, seconds: number): Promise<boolean>;
  /** Live keys carrying all of `tags` (see findIdentityKeys). */
  findIdentityKeys(location: KeyLocation, tags: Readonly<Record<string, string>>): Promise<IdentityKey[]>;
  /** The aliases among `lookups` that already exist in KMS, with the key each points at (see findAliasOwners). */
  findAliasOwners(lookups: readonly AliasLookup[], options: AliasLookupOptions): Promise<AliasOwner[]>;
  /** Every planton stack in the backend, by name. */
  listStacks(location: StackLocation, options?: ListStacksOptions): Promise<readonly StackListing[]>;
  /** The locks of `stack` (without one, of every planton stack) in a file or S3 backend (see listLocks). */
  listLocks(location: StackLocation, stack?: string): Promise<readonly StackLock[]>;
  /** Removes exactly these locks from the backend. */
  removeLocks(location: StackLocation, locks: readonly StackLock[]): Promise<void>;
}
