import type { Command } from "commander";
import { addManifestFlags, addStackFlags, type ManifestFlags, type StackFlags } from "./flags";
import type { StackCommandOptions } from "./run-stacks";

/** Raw flags every engine command has. */
export type StackCommandFlags = ManifestFlags & StackFlags;

/** Adds the flags every engine command has (manifests, stack); `manifestsOptional` for apply's --plan. */
export function addStackCommandFlags(command: Command, manifestsOptional = false): Command {
  addManifestFlags(command, manifestsOptional);
  return addStackFlags(command);
}

/** Raw flags (with the global --color and --verbose) → the options runStacks takes. */
export function toStackCommandOptions(flags: StackCommandFlags, command: Command): StackCommandOptions {
  const globals = command.optsWithGlobals() as { color?: string; verbose?: boolean };
  return {
    files: flags.filename ?? [],
    ...(flags.set ? { set: flags.set } : {}),
    // --region is read once, by loadManifests, which fills in spec.region; the stack flags leave it out.
    ...(flags.region ? { region: flags.region } : {}),
    stackFlags: {
      ...(flags.stack ? { stack: flags.stack } : {}),
      ...(flags.backend ? { backend: flags.backend } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
      ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
    },
    ...(globals.color ? { color: globals.color } : {}),
    verbose: globals.verbose === true,
  };
}
