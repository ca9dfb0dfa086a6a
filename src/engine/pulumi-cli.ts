import { PulumiCommand } from "@pulumi/pulumi/automation";
import { detachedPulumi } from "./detached-pulumi";

let found: Promise<PulumiCommand> | undefined;

/**
 * The `pulumi` on PATH, run detached (see detachedPulumi), version-checked once per process:
 * the promise is kept, so stacks opened at once under --parallel share one `pulumi version`.
 */
export function pulumiCli(): Promise<PulumiCommand> {
  found ??= PulumiCommand.get().then(detachedPulumi);
  // A failed look-up is not kept: the next stack tries again and fails in its own words.
  found.catch(() => (found = undefined));
  return found;
}
