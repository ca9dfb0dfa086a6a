import { InvalidArgumentError, Option, type Command } from "commander";
import { addManifestFlags, addStackFlags, type ManifestFlags, type StackFlags } from "./flags";
import type { StackCommandOptions } from "./run-stacks";

/** Raw flags every engine command has. */
export type StackCommandFlags = ManifestFlags & StackFlags & { parallel?: number };

/**
 * How many stacks run at once by default. A stack spends most of its time waiting on KMS but runs
 * its own Pulumi CLI and provider processes, so a few at once pay off without crowding the
 * machine (or KMS's request quotas, as low as 5 CreateKey calls a second).
 */
export const DEFAULT_PARALLEL = 4;

/** Adds the flags every engine command has (manifests, stack, --parallel). */
export function addStackCommandFlags(command: Command): Command {
  addManifestFlags(command);
  addStackFlags(command);
  const parallel = new Option("--parallel <n>", `run at most n stacks at once, each stack's output kept together (1: one after another)`)
    .argParser(positiveInteger)
    .default(DEFAULT_PARALLEL);
  return command.addOption(parallel);
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

/** Raw flags (with the global --color and --verbose) → the options runStacks takes. */
export function toStackCommandOptions(flags: StackCommandFlags, command: Command): StackCommandOptions {
  const globals = command.optsWithGlobals() as { color?: string; verbose?: boolean };
  return {
    files: flags.filename ?? [],
    ...(flags.set ? { set: flags.set } : {}),
    // --region is read once, by loadManifests, which fills in spec.region; the stack flags leave it out.
    ...(flags.region ? { region: flags.region } : {}),
    stackFlags: toStackFlags(flags),
    ...(flags.parallel !== undefined ? { parallel: flags.parallel } : {}),
    ...(globals.color ? { color: globals.color } : {}),
    verbose: globals.verbose === true,
  };
}

/** The stack flags that reach the engine (`--region` is read elsewhere: each command says where). */
export function toStackFlags(flags: StackFlags): StackFlags {
  return {
    ...(flags.stack ? { stack: flags.stack } : {}),
    ...(flags.backend ? { backend: flags.backend } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
  };
}
