// The committed schema file, compiled in: tsc copies it to dist/schema/ and the startup bundle
// inlines it, so `planton schema` never depends on where the package was installed or moved.
import shipped from "../../schema/awskmskey.schema.json";

/** The text of schema/awskmskey.schema.json, byte for byte (it is written with the same indent). */
export function shippedSchemaText(): string {
  return `${JSON.stringify(shipped, null, 2)}\n`;
}
