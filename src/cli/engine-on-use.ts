import type { Engine } from "../engine/engine";
import type * as PulumiEngine from "../engine/pulumi-engine";

/**
 * The Pulumi engine, loaded the first time a command opens a stack: `validate`, `init`, `schema`
 * and `policy` never load the Pulumi SDK, and the startup snapshot holds none of it.
 */
export function engineOnUse(): Engine {
  const load = (): Engine => (require("../engine/pulumi-engine") as typeof PulumiEngine).pulumiEngine;
  return {
    openStack: (address, program) => load().openStack(address, program),
    openExistingStack: (address) => load().openExistingStack(address),
    findIdentityKeys: (location, tags) => load().findIdentityKeys(location, tags),
    findAliasOwners: (lookups, options) => load().findAliasOwners(lookups, options),
    listStacks: (location, options) => load().listStacks(location, options),
  };
}
