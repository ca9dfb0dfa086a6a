import type { AliasLookup, AliasOwner } from "../../src/engine/alias-owners";
import type { Engine, EngineStack, StackAddress, StackListing, StackLocation, StackProgram, StackState } from "../../src/engine/engine";
import type { IdentityKey } from "../../src/engine/identity-keys";
import type { StackLock } from "../../src/engine/stack-lock";
import type { PendingCreateResolution } from "../../src/engine/pending-operations";
import type { EngineEvent } from "../../src/engine/engine-event";
import type { Operation, OperationResult, OutputValue, RunOptions } from "../../src/engine/run-operation";

/** What a fake engine answers. */
export interface FakeEngineOptions {
  /** The events each operation reports (each also goes to `onEvent` as it would arrive). */
  readonly events?: Partial<Record<Operation, readonly EngineEvent[]>>;
  /** The stack's outputs: what an update returns and what reading the outputs gives. */
  readonly outputs?: Readonly<Record<string, OutputValue>>;
  /** False: no stack exists yet (destroy, refresh and outputs find none). Default true. */
  readonly exists?: boolean;
  /** Raw engine output every operation writes (for --verbose), without a final newline to test the flush. */
  readonly engineOutput?: string;
  /** An operation that fails with this error. */
  readonly fail?: Partial<Record<Operation, Error>>;
  /** The state stamps the stack answers, one per read (the last one repeats); default `state-1`. */
  readonly stateStamps?: readonly string[];
  /** The messages of the stack's recent updates. */
  readonly updateMessages?: readonly string[];
  /** The update plan a preview returns when asked to save one. */
  readonly enginePlan?: string;
  /** What the stack's state records (default: nothing, nothing pending). */
  readonly state?: StackState;
  /** Live keys carrying the manifest's identity tags (default none). */
  readonly identityKeys?: readonly IdentityKey[];
  /** Aliases that already exist in KMS (default none): findAliasOwners answers from these. */
  readonly aliasOwners?: readonly AliasOwner[];
  /** KMS endpoints that accept the connection and never answer (endpointAnswers says false). */
  readonly silentEndpoints?: readonly string[];
  /** The stacks `fail` applies to; default every stack. */
  readonly failStacks?: readonly string[];
  /** What listing the backend finds (default none), or the error listing fails with. */
  readonly stacks?: readonly StackListing[] | Error;
  /** The backend's locks (default none), or the error listing them fails with; removing takes them out. */
  readonly locks?: readonly StackLock[] | Error;
  /** Live keys carrying the identity tags, by region, where they differ from `identityKeys` (replica regions). */
  readonly identityKeysIn?: Readonly<Record<string, readonly IdentityKey[]>>;
}

/** One thing the fake engine was asked to do. */
export type EngineCall =
  | { readonly kind: "open"; readonly stack: string; readonly program?: StackProgram }
  | { readonly kind: "run"; readonly stack: string; readonly operation: Operation; readonly options: RunOptions }
  | { readonly kind: "outputs"; readonly stack: string }
  | { readonly kind: "state"; readonly stack: string }
  | { readonly kind: "remove"; readonly stack: string }
  | { readonly kind: "close"; readonly stack: string }
  | { readonly kind: "resolve"; readonly stack: string; readonly resolutions: readonly PendingCreateResolution[] }
  | { readonly kind: "alias-lookup"; readonly lookups: readonly AliasLookup[] }
  | { readonly kind: "probe"; readonly url: string; readonly seconds: number }
  | { readonly kind: "list"; readonly location: StackLocation; readonly outputsRead: readonly string[] }
  | { readonly kind: "list-locks"; readonly stack?: string }
  | { readonly kind: "remove-locks"; readonly keys: readonly string[] }
  | { readonly kind: "identity-keys"; readonly region: string };

/** A fake Engine that records what it was asked, to pass where the real one would go. */
export interface FakeEngine extends Engine {
  readonly calls: EngineCall[];
  /** The operations run, as `stack:operation`. */
  readonly operations: () => string[];
}

/** An Engine without Pulumi: every stack answers from `options`. */
export function fakeEngine(options: FakeEngineOptions = {}): FakeEngine {
  const calls: EngineCall[] = [];
  let stampReads = 0;
  const stamps = options.stateStamps ?? ["state-1"];
  let locks = options.locks;
  const stackOf = (address: StackAddress): EngineStack => ({
    name: address.stack,
    run: async (operation, runOptions): Promise<OperationResult> => {
      calls.push({ kind: "run", stack: address.stack, operation, options: runOptions });
      const events = options.events?.[operation] ?? [];
      for (const event of events) runOptions.onEvent?.(event);
      if (options.engineOutput !== undefined) runOptions.onEngineOutput?.(options.engineOutput);
      const failure = options.fail?.[operation];
      if (failure !== undefined && (options.failStacks?.includes(address.stack) ?? true)) throw failure;
      const enginePlan = runOptions.savePlan === true ? { enginePlan: options.enginePlan ?? "{}" } : {};
      return { events, outputs: operation === "update" ? (options.outputs ?? {}) : {}, ...enginePlan };
    },
    stateStamp: async () => {
      calls.push({ kind: "state", stack: address.stack });
      return stamps[Math.min(stampReads++, stamps.length - 1)]!;
    },
    updateMessages: async () => options.updateMessages ?? [],
    outputs: async () => {
      calls.push({ kind: "outputs", stack: address.stack });
      return options.outputs ?? {};
    },
    recovered: [],
    state: async () => options.state ?? { recorded: [], pending: [] },
    resolvePendingCreates: async (resolutions) => void calls.push({ kind: "resolve", stack: address.stack, resolutions }),
    remove: async () => void calls.push({ kind: "remove", stack: address.stack }),
    close: () => void calls.push({ kind: "close", stack: address.stack }),
  });
  return {
    calls,
    operations: () => calls.flatMap((c) => (c.kind === "run" ? [`${c.stack}:${c.operation}`] : [])),
    openStack: async (address, program) => {
      calls.push({ kind: "open", stack: address.stack, program });
      return stackOf(address);
    },
    findIdentityKeys: async (location) => {
      calls.push({ kind: "identity-keys", region: location.region });
      return [...(options.identityKeysIn?.[location.region] ?? options.identityKeys ?? [])];
    },
    openExistingStack: async (address, program) => {
      calls.push({ kind: "open", stack: address.stack, ...(program !== undefined ? { program } : {}) });
      return options.exists === false ? undefined : stackOf(address);
    },
    findAliasOwners: async (lookups) => {
      calls.push({ kind: "alias-lookup", lookups });
      return (options.aliasOwners ?? []).filter((o) => lookups.some((l) => l.region === o.region && l.name === o.name));
    },
    endpointAnswers: async (url, seconds) => {
      calls.push({ kind: "probe", url, seconds });
      return !(options.silentEndpoints ?? []).includes(url);
    },
    listStacks: async (location, list = {}) => {
      const outputsOf = list.outputsOf ?? (() => true);
      if (options.stacks instanceof Error) {
        calls.push({ kind: "list", location, outputsRead: [] });
        throw options.stacks;
      }
      const stacks = options.stacks ?? [];
      calls.push({ kind: "list", location, outputsRead: stacks.filter((s) => outputsOf(s.name)).map((s) => s.name) });
      return stacks.map((s) => (outputsOf(s.name) ? s : { ...s, outputs: {} }));
    },
    listLocks: async (_location, stack) => {
      // Recorded only when a test gives locks: every opened stack lists them.
      if (options.locks !== undefined) calls.push({ kind: "list-locks", ...(stack !== undefined ? { stack } : {}) });
      if (locks instanceof Error) throw locks;
      return (locks ?? []).filter((lock) => stack === undefined || lock.stack === stack);
    },
    removeLocks: async (_location, removed) => {
      calls.push({ kind: "remove-locks", keys: removed.map((lock) => lock.key) });
      if (!(locks instanceof Error)) locks = (locks ?? []).filter((lock) => !removed.some((r) => r.key === lock.key));
    },
  };
}
