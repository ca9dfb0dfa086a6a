import { join, sep } from "node:path";

/** Where the package's JSON Schema file lives, relative to the package root. */
export const SCHEMA_FILE = join("schema", "awskmskey.schema.json");

/**
 * Absolute path of the JSON Schema file this installation of planton ships, computed from this
 * module's own location: src/schema in a checkout (ts-jest), dist/src/schema when compiled, and
 * dist/ when bundled into planton's startup snapshot.
 */
export function shippedSchemaPath(moduleDir: string = __dirname): string {
  const here = moduleDir.split(sep);
  const layout = here.slice(-3).join("/");
  const up = layout === "dist/src/schema" ? 3 : here[here.length - 1] === "dist" ? 1 : 2;
  return join(here.slice(0, here.length - up).join(sep) || sep, SCHEMA_FILE);
}

/**
 * The first line `planton init` writes: yaml-language-server (VS Code's YAML extension and
 * most editors' YAML language servers) then validates and completes the manifest with the schema.
 * `location` is a URL, an absolute path, or a path relative to the manifest.
 */
export function schemaComment(location: string = shippedSchemaPath()): string {
  return `# yaml-language-server: $schema=${location}`;
}
