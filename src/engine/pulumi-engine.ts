import type * as CreateProgram from "../program/create-program";
import { findAliasOwners } from "./alias-owners";
import { endpointAnswers } from "./endpoint-answers";
import type { Engine, EngineStack, StackAddress, StackProgram } from "./engine";
import { findIdentityKeys } from "./identity-keys";
import { NoStackError, openStack, type StackHandle } from "./open-stack";
import { listStacks } from "./list-stacks";
import { clearStaleLocks } from "./stale-locks";
import { listLocks, removeLocks } from "./stack-locks";
import { readStackState, resolvePendingCreates } from "./pending-operations";
import { removeStack } from "./remove-stack";
import { readOutputs, runOperation } from "./run-operation";
import { stateStamp, updateMessages } from "./state-stamp";

/** The Engine on the Pulumi Automation API: one throwaway workspace per opened stack. */
export const pulumiEngine: Engine = {
  async openStack(address: StackAddress, program: StackProgram): Promise<EngineStack> {
    const recovered = staleLocksOf(address);
    const handle = await openStack({ ...address, program: inlineProgram(program), mode: "create-or-select" });
    return engineStack(handle, recovered);
  },
  async openExistingStack(address: StackAddress, program?: StackProgram): Promise<EngineStack | undefined> {
    try {
      const recovered = staleLocksOf(address);
      return engineStack(await openStack({ ...address, ...(program !== undefined ? { program: inlineProgram(program) } : {}), mode: "select" }), recovered);
    } catch (err) {
      if (err instanceof NoStackError) return undefined;
      throw err;
    }
  },
  findIdentityKeys,
  findAliasOwners,
  listStacks,
  listLocks,
  removeLocks,
  endpointAnswers(url: string, seconds: number): Promise<boolean> {
    // Every stack of a run reaches the same endpoint: ask once.
    const key = `${seconds} ${url}`;
    let answer = probes.get(key);
    if (answer === undefined) probes.set(key, (answer = endpointAnswers(url, seconds, process.env)));
    return answer;
  },
};

const probes = new Map<string, Promise<boolean>>();

/** The program's code is the only code that loads @pulumi/aws; load it only when a stack really runs. */
function inlineProgram(program: StackProgram): ReturnType<typeof CreateProgram.createProgram> {
  const { createProgram } = require("../program/create-program") as typeof CreateProgram;
  return createProgram(program.key, program.options);
}

function staleLocksOf(address: StackAddress): string[] {
  return address.backend.localDir !== undefined ? clearStaleLocks(address.backend.localDir, address.stack) : [];
}

function engineStack(handle: StackHandle, recovered: readonly string[]): EngineStack {
  return {
    name: handle.name,
    recovered,
    run: (operation, options) => runOperation(handle, operation, options),
    outputs: () => readOutputs(handle),
    stateStamp: () => stateStamp(handle),
    updateMessages: () => updateMessages(handle),
    state: () => readStackState(handle),
    resolvePendingCreates: (resolutions) => resolvePendingCreates(handle, resolutions),
    remove: () => removeStack(handle),
    close: handle.close,
  };
}
