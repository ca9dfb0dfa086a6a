import type { Rule } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import type { JsonSchema } from "./json-schema";

/**
 * Field-level CEL rules of the protos that JSON Schema can say, by rule id. A CEL rule missing
 * here is reported as unexpressed, and test/schema's list of such rules then fails until someone
 * translates it or lists it as beyond the schema.
 */
const CEL_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  "alias.not_reserved": { not: { pattern: "^alias/aws/" } },
  // CEL's `(?i)` has no JSON Schema counterpart: spell the case-insensitive prefix out.
  "tag_key.not_reserved": { not: { pattern: "^[Aa][Ww][Ss]:" } },
};

/** Schemas for the CEL rules that have one, and the ids of those that do not. */
export function celSchemas(rules: readonly Rule[]): { schemas: JsonSchema[]; unexpressed: string[] } {
  const schemas: JsonSchema[] = [];
  const unexpressed: string[] = [];
  for (const rule of rules) {
    const schema = CEL_SCHEMAS[rule.id];
    if (schema === undefined) unexpressed.push(`cel ${rule.id}`);
    else schemas.push(schema);
  }
  return { schemas, unexpressed };
}
