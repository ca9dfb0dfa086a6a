import type { Engine } from "../engine/engine";
import type * as PulumiEngine from "../engine/pulumi-engine";
import type * as StackLocks from "../engine/stack-locks";

/**
 * The Pulumi engine, loaded the first time a command opens a stack: `validate`, `init`, `schema`
 * and `policy` never load the Pulumi SDK, and the startup snapshot holds none of it.
 */
export function engineOnUse(): Engine {
  const load = (): Engine => (require("../engine/pulumi-engine") as typeof PulumiEngine).pulumiEngine;
  const locks = (): typeof StackLocks => require("../engine/stack-locks") as typeof StackLocks;
  return {
    openStack: (address, program) => load().openStack(address, program),
    openExistingStack: (address, program) => load().openExistingStack(address, program),
    endpointAnswers: (url, seconds) => load().endpointAnswers(url, seconds),
    findIdentityKeys: (location, tags) => load().findIdentityKeys(location, tags),
    findAliasOwners: (lookups, options) => load().findAliasOwners(lookups, options),
    listStacks: (location, options) => load().listStacks(location, options),
    // Locks are files or S3 objects: reading them needs no Pulumi (`planton unlock` loads none).
    listLocks: (location, stack) => locks().listLocks(location, stack),
    removeLocks: (location, found) => locks().removeLocks(location, found),
  };
}
