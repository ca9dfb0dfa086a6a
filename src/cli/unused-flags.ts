import type { Command } from "commander";
import { PlantonError } from "../core/planton-error";
import type { ManifestFlags, RegionFlags } from "./flags";

/**
 * Refuses flags the command was given but would ignore in this use (commander accepts every flag
 * a command defines): a usage error that names them, why they do nothing, and the flags the
 * command does take (its visible options, so the list never drifts from --help).
 */
export function refuseUnusedFlags(command: Command, doing: string, unused: readonly string[], reason: string): void {
  if (unused.length === 0) return;
  const takes = command.options.filter((option) => !option.hidden).map((option) => option.short ?? option.long ?? option.flags);
  throw new PlantonError("usage", `cannot ${doing}: ${reason}; drop ${unused.join(", ")}`, {
    hint: `planton ${command.name()} takes ${takes.join(", ")} (see planton ${command.name()} --help)`,
  });
}

/** Refuses the flags that change manifests (`--set`, `--region`) when no manifest (`-f`) was given. */
export function refuseManifestFlagsWithoutManifest(command: Command, doing: string, flags: ManifestFlags & RegionFlags): void {
  if ((flags.filename ?? []).length > 0) return;
  const unused = [...((flags.set ?? []).length > 0 ? ["--set"] : []), ...(flags.region !== undefined ? ["--region"] : [])];
  refuseUnusedFlags(command, doing, unused, "--set and --region change the manifests given with -f, and none was");
}

/** Hides a flag a command defines through a shared group but never uses: --help leaves it out, refuseUnusedFlags names it. */
export function hideFlag(command: Command, long: string): void {
  const option = command.options.find((o) => o.long === long);
  if (option !== undefined) option.hidden = true;
}
