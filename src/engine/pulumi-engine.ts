import type * as CreateProgram from "../program/create-program";
import { findAliasOwners } from "./alias-owners";
import type { Engine, EngineStack, StackAddress, StackProgram } from "./engine";
import { NoStackError, openStack, type StackHandle } from "./open-stack";
import { listStacks } from "./list-stacks";
import { removeStack } from "./remove-stack";
import { readOutputs, runOperation } from "./run-operation";
import { stateStamp, updateMessages } from "./state-stamp";

/** The Engine on the Pulumi Automation API: one throwaway workspace per opened stack. */
export const pulumiEngine: Engine = {
  async openStack(address: StackAddress, program: StackProgram): Promise<EngineStack> {
    // The program is the only code that loads @pulumi/aws; load it only when a stack really runs.
    const { createProgram } = require("../program/create-program") as typeof CreateProgram;
    const handle = await openStack({ ...address, program: createProgram(program.key, program.options), mode: "create-or-select" });
    return engineStack(handle);
  },
  async openExistingStack(address: StackAddress): Promise<EngineStack | undefined> {
    try {
      return engineStack(await openStack({ ...address, mode: "select" }));
    } catch (err) {
      if (err instanceof NoStackError) return undefined;
      throw err;
    }
  },
  findAliasOwners,
  listStacks,
};

function engineStack(handle: StackHandle): EngineStack {
  return {
    name: handle.name,
    run: (operation, options) => runOperation(handle, operation, options),
    outputs: () => readOutputs(handle),
    stateStamp: () => stateStamp(handle),
    updateMessages: () => updateMessages(handle),
    remove: () => removeStack(handle),
    close: handle.close,
  };
}
