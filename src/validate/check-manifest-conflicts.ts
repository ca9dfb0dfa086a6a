import { error, type Problem, type SourcePosition } from "../core/problem";

/** What of one valid manifest must not be shared with another in the same run. */
export interface ManifestIdentity {
  readonly file: string;
  readonly name: string;
  /** The stack it deploys to. */
  readonly stack: string;
  /** `spec.alias` after defaults. */
  readonly alias: string;
  /** The primary region ("" when not known yet) and the replica regions: where the alias is made. */
  readonly regions: readonly string[];
  /** Where a field of it came from. */
  readonly positionOf: (path: string) => SourcePosition;
}

/**
 * Problems of manifests that collide with an earlier one of the same run, by index: two manifests
 * of one stack would overwrite each other's key, and an alias names one key per region, so the
 * second key would be left without its alias. Each problem names the earlier manifest and line.
 */
export function checkManifestConflicts(manifests: readonly ManifestIdentity[]): Problem[][] {
  const byStack = new Map<string, ManifestIdentity>();
  const byAlias = new Map<string, ManifestIdentity>();
  return manifests.map((manifest) => {
    const sameStack = byStack.get(manifest.stack);
    if (sameStack !== undefined) {
      const where = describe(sameStack, "metadata.name");
      return [error("metadata.name", `deploys to stack ${manifest.stack}, as ${where} does: one would overwrite the other's key; give one of them another name, org, env or a planton.org/stack label`, manifest.positionOf("metadata.name"))];
    }
    byStack.set(manifest.stack, manifest);
    if (manifest.alias === "") return [];
    for (const region of manifest.regions) {
      const sameAlias = byAlias.get(aliasKey(manifest.alias, region));
      if (sameAlias !== undefined) {
        const inRegion = region === "" ? "in the same region" : `in ${region}`;
        const where = describe(sameAlias, "spec.alias");
        return [error("spec.alias", `${manifest.alias} ${inRegion} is also the alias of ${where}: an alias names one key per region, so one key would be left without it; choose another alias`, manifest.positionOf("spec.alias"))];
      }
    }
    for (const region of manifest.regions) byAlias.set(aliasKey(manifest.alias, region), manifest);
    return [];
  });
}

function aliasKey(alias: string, region: string): string {
  return `${region}\u0000${alias}`;
}

/** `a.yaml:4 (prod-key)`: the earlier manifest, at the line of the field that collides. */
function describe(manifest: ManifestIdentity, path: string): string {
  const line = manifest.positionOf(path).line;
  return `${manifest.file}${line !== undefined ? `:${line}` : ""} (${manifest.name})`;
}
