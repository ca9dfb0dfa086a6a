import { getOption, type DescEnum, type DescField, type DescMessage, type ScalarType } from "@bufbuild/protobuf";
import {
  field as fieldRulesOption,
  message as messageRulesOption,
  Ignore,
  type FieldRules,
} from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { celSchemas } from "./cel-rules";
import { DRAFT_07, type JsonSchema } from "./json-schema";
import { protoComment } from "./proto-comment";
import { enumSchema, scalarSchema, type FragmentResult } from "./scalar-schema";

/** A manifest JSON Schema and the proto rules it could not express, as `path: rule`. */
export interface ManifestSchemaResult {
  readonly schema: JsonSchema;
  readonly unexpressed: readonly string[];
}

/**
 * The draft-07 JSON Schema of manifests of `desc` (AwsKmsKey), walking its fields by JSON name:
 * types, AWS-spelled enums, required fields, no additional properties, and the buf.validate
 * ranges, lengths, patterns and counts. Descriptions come from the proto comments when `desc`
 * carries source info (a `buf build` image does, gen/ does not).
 */
export function manifestSchema(desc: DescMessage): ManifestSchemaResult {
  const unexpressed: string[] = [];
  const body = messageSchema(desc, "", unexpressed);
  return { schema: { $schema: DRAFT_07, title: desc.name, ...body }, unexpressed };
}

function messageSchema(desc: DescMessage, path: string, unexpressed: string[]): JsonSchema {
  const rules = getOption(desc, messageRulesOption);
  if (rules.cel.length > 0 || rules.oneof.length > 0) unexpressed.push(`${path || desc.name}: message rules`);
  for (const oneof of desc.oneofs) unexpressed.push(`${path || desc.name}: oneof ${oneof.name}`);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of desc.fields) {
    const fieldPath = path === "" ? field.jsonName : `${path}.${field.jsonName}`;
    const result = fieldSchema(field, fieldPath, unexpressed);
    properties[field.jsonName] = describe(result.schema, protoComment(field));
    if (result.required) required.push(field.jsonName);
  }
  return describe(
    { type: "object", properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false },
    protoComment(desc),
  );
}

function fieldSchema(field: DescField, path: string, unexpressed: string[]): { schema: JsonSchema; required: boolean } {
  const rules = getOption(field, fieldRulesOption);
  if (rules.ignore === Ignore.ALWAYS) return { schema: schemaWithoutRules(field, path, unexpressed), required: false };
  if (rules.celExpression.length > 0) unexpressed.push(`${path}: cel expressions`);
  if (field.fieldKind !== "scalar" && field.fieldKind !== "enum") {
    unexpressed.push(...rules.cel.map((rule) => `${path}: cel ${rule.id}`));
  }
  switch (field.fieldKind) {
    case "message":
      return { schema: messageSchema(field.message, path, unexpressed), required: rules.required };
    case "enum":
      return { schema: collect(withCel(enumSchema(field.enum, rules), rules), path, unexpressed), required: rules.required };
    case "scalar": {
      const schema = collect(withCel(scalarSchema(field.scalar, rules), rules), path, unexpressed);
      if (rules.required && field.scalar !== undefined && schema.type === "string" && schema.minLength === undefined) {
        schema.minLength = 1;
      }
      // Rules of a field without presence also judge its zero value, unless told to ignore it.
      if (rules.ignore === Ignore.IF_ZERO_VALUE && constrains(schema)) {
        return { schema: { type: schema.type, anyOf: [{ const: zeroValue(schema) }, stripType(schema)] }, required: rules.required };
      }
      const implicit = field.presence === 2; // FeatureSet_FieldPresence.IMPLICIT
      return { schema, required: rules.required || (implicit && rejectsZero(schema)) };
    }
    case "list": {
      const repeated = rules.type.case === "repeated" ? rules.type.value : undefined;
      const schema: JsonSchema = { type: "array", items: elementSchema(elementOf(field), repeated?.items, `${path}[]`, unexpressed) };
      if (repeated !== undefined && repeated.minItems > 0n) schema.minItems = Number(repeated.minItems);
      if (rules.required && schema.minItems === undefined) schema.minItems = 1;
      if (repeated !== undefined && repeated.maxItems > 0n) schema.maxItems = Number(repeated.maxItems);
      if (repeated?.unique === true) schema.uniqueItems = true;
      return { schema, required: rules.required };
    }
    case "map": {
      const map = rules.type.case === "map" ? rules.type.value : undefined;
      const keys = collect(withCel(scalarSchema(field.mapKey, map?.keys), map?.keys), `${path}{}`, unexpressed);
      const schema: JsonSchema = {
        type: "object",
        propertyNames: keys,
        additionalProperties: elementSchema(elementOf(field), map?.values, `${path}{}`, unexpressed),
      };
      if (map !== undefined && map.minPairs > 0n) schema.minProperties = Number(map.minPairs);
      if (rules.required && schema.minProperties === undefined) schema.minProperties = 1;
      if (map !== undefined && map.maxPairs > 0n) schema.maxProperties = Number(map.maxPairs);
      return { schema, required: rules.required };
    }
  }
}

/** What a list item or map value is. */
type Element =
  | { kind: "scalar"; scalar: ScalarType }
  | { kind: "enum"; desc: DescEnum }
  | { kind: "message"; desc: DescMessage };

/** The list's item or the map's value type. */
function elementOf(field: DescField & { fieldKind: "list" | "map" }): Element {
  if (field.message !== undefined) return { kind: "message", desc: field.message };
  if (field.enum !== undefined) return { kind: "enum", desc: field.enum };
  // Neither a message nor an enum: protobuf-es sets `scalar` on such list and map fields.
  return { kind: "scalar", scalar: field.scalar as ScalarType };
}

function elementSchema(element: Element, rules: FieldRules | undefined, path: string, unexpressed: string[]): JsonSchema {
  switch (element.kind) {
    case "scalar":
      return collect(withCel(scalarSchema(element.scalar, rules), rules), path, unexpressed);
    case "enum":
      return collect(withCel(enumSchema(element.desc, rules), rules), path, unexpressed);
    case "message":
      return messageSchema(element.desc, path, unexpressed);
  }
}

/** The field's type alone, for fields whose rules are switched off. */
function schemaWithoutRules(field: DescField, path: string, unexpressed: string[]): JsonSchema {
  switch (field.fieldKind) {
    case "scalar":
      return scalarSchema(field.scalar, undefined).schema;
    case "enum":
      return enumSchema(field.enum, undefined).schema;
    case "message":
      return messageSchema(field.message, path, unexpressed);
    case "list":
      return { type: "array", items: elementSchema(elementOf(field), undefined, `${path}[]`, unexpressed) };
    case "map":
      return {
        type: "object",
        propertyNames: scalarSchema(field.mapKey, undefined).schema,
        additionalProperties: elementSchema(elementOf(field), undefined, `${path}{}`, unexpressed),
      };
  }
}

function withCel(fragment: FragmentResult, rules: FieldRules | undefined): FragmentResult {
  if (rules === undefined || rules.cel.length === 0) return fragment;
  const cel = celSchemas(rules.cel);
  const allOf = [...(fragment.schema.allOf ?? []), ...cel.schemas];
  return {
    schema: { ...fragment.schema, ...(allOf.length > 0 ? { allOf } : {}) },
    unexpressed: [...fragment.unexpressed, ...cel.unexpressed],
  };
}

function collect(fragment: FragmentResult, path: string, unexpressed: string[]): JsonSchema {
  unexpressed.push(...fragment.unexpressed.map((rule) => `${path}: ${rule}`));
  return { ...fragment.schema };
}

/** Puts `description` first (a field's comment wins over its message type's). */
function describe(schema: JsonSchema, description: string | undefined): JsonSchema {
  if (description === undefined) return schema;
  const { description: _typeDescription, ...rest } = schema;
  return { description, ...rest };
}

function constrains(schema: JsonSchema): boolean {
  return Object.keys(schema).some((key) => key !== "type" && key !== "enumDescriptions");
}

function stripType(schema: JsonSchema): JsonSchema {
  const { type: _type, ...rest } = schema;
  return rest;
}

function zeroValue(schema: JsonSchema): string | number | boolean {
  switch (schema.type) {
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    default:
      return "";
  }
}

/** True when the zero value of a scalar fails `schema`, so leaving the field out is an error. */
function rejectsZero(schema: JsonSchema): boolean {
  const zero = zeroValue(schema);
  if (schema.const !== undefined && schema.const !== zero) return true;
  if (schema.enum !== undefined && !schema.enum.includes(zero as string | number)) return true;
  if (typeof zero === "string") {
    if ((schema.minLength ?? 0) > 0) return true;
    const patterns = [schema.pattern, ...(schema.allOf ?? []).map((s) => s.pattern)];
    if (patterns.some((p) => p !== undefined && !new RegExp(p, "u").test(""))) return true;
  }
  if (typeof zero === "number") {
    if ((schema.minimum ?? -Infinity) > 0 || (schema.maximum ?? Infinity) < 0) return true;
    if ((schema.exclusiveMinimum ?? -Infinity) >= 0 || (schema.exclusiveMaximum ?? Infinity) <= 0) return true;
  }
  return false;
}
