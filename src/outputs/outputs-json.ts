import type { JsonObject } from "@bufbuild/protobuf";
import type { OutputValue } from "../engine/run-operation";
import type { Problem } from "../core/problem";
import { resultLocksJson, type LockJson } from "../render/lock-json";
import { runJson, type RunJson } from "../render/run-json";
import { failureText, type StacksRun } from "../stack/run-stacks";
import { stackOutputsJson } from "./stack-outputs-json";
import { toStackOutputs } from "./to-stack-outputs";

/** What apply and outputs record per stack: the outputs once known, and apply's refusals. */
export interface OutputsDetail {
  readonly outputs?: Readonly<Record<string, OutputValue>>;
  readonly refusals?: readonly Problem[];
}

/** One stack in the `apply`/`outputs --output json|yaml` document of a run. */
export interface StackOutputsEntryJson {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  /** The StackOutputs message in proto JSON; null when the stack failed before it had outputs. */
  readonly outputs: JsonObject | null;
  /** Why the stack failed or was refused; null when it did not. */
  readonly error: string | null;
  /** Who holds the stack's lock, when anyone does (since 2.1). */
  readonly locks: readonly LockJson[];
  /** apply only: the safety rails' refusals of the plan. */
  readonly refusals?: readonly { path: string; message: string }[];
}

/** The document of a run of several stacks, or of one that failed. */
export interface OutputsRunJson extends RunJson {
  readonly stacks: readonly StackOutputsEntryJson[];
}

/**
 * What `apply` and `outputs` print for `--output json|yaml`: for one stack that succeeded, the
 * StackOutputs message itself (the contract's shape); otherwise (several stacks, or any failure)
 * one document naming each stack, with `formatVersion`, so a script tells them apart by it.
 */
export function outputsJson(run: StacksRun<OutputsDetail>, options: { readonly refusals: boolean }): JsonObject | OutputsRunJson {
  const [only] = run.results;
  if (run.ok && run.results.length === 1 && only?.detail?.outputs !== undefined) return stackOutputsJson(toStackOutputs(only.detail.outputs));
  const stacks = run.results.map((result): StackOutputsEntryJson => ({
    ...result.target.label,
    outputs: result.detail?.outputs !== undefined ? stackOutputsJson(toStackOutputs(result.detail.outputs)) : null,
    error: failureText(result) ?? null,
    locks: resultLocksJson(result),
    ...(options.refusals ? { refusals: (result.detail?.refusals ?? []).map((p) => ({ path: p.path, message: p.message })) } : {}),
  }));
  const { formatVersion, ...rest } = runJson(run);
  return { formatVersion, stacks, ...rest };
}
