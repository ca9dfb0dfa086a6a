import { PlantonError } from "../core/planton-error";
import type { OutputValue } from "../engine/run-operation";
import { runStacks, type StackContext, type StackOutcome, type StacksOptions, type StacksRun } from "./run-stacks";
import type { StackSession } from "./stack-session";
import { noStackHint } from "./stack-targets";

/** One stack's outputs as the engine returns them. */
export interface StackOutputsDetail {
  readonly outputs: Readonly<Record<string, OutputValue>>;
}

/** Reads the outputs of the manifest's stack; a stack that does not exist, or holds none, fails. */
export async function readStackOutputs(session: StackSession<StackOutputsDetail>): Promise<StackOutcome> {
  const { target } = session;
  const stack = await session.openExistingStack();
  if (stack === undefined) {
    throw new PlantonError("usage", `cannot read the outputs of stack ${target.stack}: no stack named ${target.stack} in ${target.backend.url}`, {
      hint: noStackHint(target),
    });
  }
  const outputs = await stack.outputs();
  if (Object.keys(outputs).length === 0) {
    throw new PlantonError("usage", `cannot read the outputs of stack ${target.stack}: the stack has no outputs (never applied, or destroyed)`, {
      hint: noStackHint(target),
    });
  }
  session.record({ outputs });
  return { ok: true, changed: false };
}

/** Reads the outputs of every manifest's stack. */
export function readOutputs(options: StacksOptions, ctx: StackContext): Promise<StacksRun<StackOutputsDetail>> {
  return runStacks({ command: "outputs", verb: "read the outputs of", judgesPolicy: false, fromState: true, stateOnly: true }, options, ctx, readStackOutputs);
}
