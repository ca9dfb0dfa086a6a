/**
 * The subset of JSON Schema draft-07 that planton's manifest schema uses, plus the
 * `enumDescriptions` annotation that VS Code's and yaml-language-server's completion lists show.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  maxProperties?: number;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  const?: string | number | boolean;
  enum?: (string | number)[];
  enumDescriptions?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  readOnly?: boolean;
}

/** The draft-07 meta-schema URI every planton schema declares. */
export const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
