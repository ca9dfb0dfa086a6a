import type { AliasLookup } from "../engine/alias-owners";
import type { Plan } from "./plan";

/** Where the stack's aliases live: the key's region and each replica region, all with one name. */
export interface AliasPlacement {
  readonly alias: string;
  readonly region: string;
  readonly replicaRegions: readonly string[];
}

/**
 * The aliases a plan creates (`alias` in the key's region, `alias-<region>` per replica): names
 * the stack does not hold yet, so anyone else holding them would make apply fail half-way.
 */
export function aliasClaims(plan: Plan, placement: AliasPlacement): AliasLookup[] {
  const created = new Set(plan.changes.filter((c) => c.kind === "alias" && c.op === "create").map((c) => c.name));
  const where: [string, string][] = [["alias", placement.region], ...placement.replicaRegions.map((r): [string, string] => [`alias-${r}`, r])];
  return where.filter(([name]) => created.has(name)).map(([, region]) => ({ region, name: placement.alias }));
}
