import { isWellFormedName } from "../manifest/resource-name";

/**
 * The `metadata.name` an adopted key gets unless `--name` says otherwise: its alias without the
 * `alias/` prefix, lower-cased, every other character a `-` (`alias/Prod/rds_primary` →
 * `prod-rds-primary`), else `key-` and the start of its key id.
 */
export function adoptionName(alias: string | undefined, keyId: string): string {
  if (alias !== undefined) {
    const name = alias
      .replace(/^alias\//, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 63)
      .replace(/^-+|-+$/g, "");
    if (isWellFormedName(name)) return name;
  }
  return `key-${keyId.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 8)}`;
}
