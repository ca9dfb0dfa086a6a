import type { StackUnlockDetail } from "../stack/unlock-stack";
import { failureText, type StacksRun } from "../stack/run-stacks";
import { locksJson, type LockJson } from "./lock-json";
import { runJson, type RunJson } from "./run-json";

/** One stack in the `unlock --output json` document. */
export interface StackUnlockJson {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  /** Every lock found on the stack. */
  readonly locks: readonly LockJson[];
  /** The locks removed: all of them, or none when refused or not confirmed. */
  readonly removed: readonly LockJson[];
  readonly error: string | null;
}

/** The `unlock --output json` document. */
export interface UnlockJson extends RunJson {
  readonly stacks: readonly StackUnlockJson[];
}

/** The unlock of each stack as one document, on failure too. */
export function unlockJson(run: StacksRun<StackUnlockDetail>): UnlockJson {
  const stacks = run.results.map((result): StackUnlockJson => ({
    ...result.target.label,
    locks: locksJson(result.detail?.found, result.target.backend.url),
    removed: locksJson(result.detail?.removed, result.target.backend.url),
    error: failureText(result) ?? null,
  }));
  const { formatVersion, ...rest } = runJson(run);
  return { formatVersion, stacks, ...rest };
}
