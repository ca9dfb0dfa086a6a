/**
 * Logical names of everything the program registers. They are part of every URN in the user's
 * state: renaming one makes the engine see a delete plus a create, i.e. a replaced key. Never
 * change them. (Type tokens and their classification live in src/plan/resource-kind.ts.)
 */
export const RESOURCE_NAMES = {
  primaryProvider: "primary",
  key: "key",
  alias: "alias",
  /** Provider for one replica region, e.g. `provider-eu-west-1`. */
  replicaProvider: (region: string): string => `provider-${region}`,
  /** Replica key in one region, e.g. `replica-eu-west-1`. */
  replicaKey: (region: string): string => `replica-${region}`,
  /** The alias in one replica region, e.g. `alias-eu-west-1`. */
  replicaAlias: (region: string): string => `alias-${region}`,
} as const;
