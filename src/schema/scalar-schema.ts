import { ScalarType, type DescEnum } from "@bufbuild/protobuf";
import type { FieldRules, Int32Rules, StringRules } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import type { JsonSchema } from "./json-schema";
import { predefinedPatterns } from "./predefined-rules";
import { protoComment } from "./proto-comment";

/** A value's schema and the rules found on it that JSON Schema cannot say. */
export interface FragmentResult {
  readonly schema: JsonSchema;
  readonly unexpressed: readonly string[];
}

/** Schema of one scalar value under its buf.validate rules (the `type` part of `rules`). */
export function scalarSchema(scalar: ScalarType, rules: FieldRules | undefined): FragmentResult {
  if (rules === undefined) return { schema: { type: jsonType(scalar) }, unexpressed: [] };
  const type = rules.type;
  switch (type.case) {
    case "string":
      return stringSchema(type.value);
    case "int32":
      return { schema: { type: "integer", ...int32Bounds(type.value) }, unexpressed: [] };
    case undefined:
      return { schema: { type: jsonType(scalar) }, unexpressed: [] };
    default:
      return { schema: { type: jsonType(scalar) }, unexpressed: [`${type.case} rules`] };
  }
}

/** Schema of an enum value: its AWS-spelled names, without the `*_UNSPECIFIED` placeholder. */
export function enumSchema(desc: DescEnum, rules: FieldRules | undefined): FragmentResult {
  const enumRules = rules?.type.case === "enum" ? rules.type.value : undefined;
  const values = desc.values.filter(
    (v) =>
      !(v.number === 0 && v.name.endsWith("_UNSPECIFIED")) &&
      (enumRules === undefined || enumRules.in.length === 0 || enumRules.in.includes(v.number)) &&
      !(enumRules?.notIn.includes(v.number) ?? false),
  );
  const descriptions = values.map((v) => protoComment(v) ?? "");
  return {
    schema: {
      type: "string",
      enum: values.map((v) => v.name),
      ...(descriptions.some((d) => d !== "") ? { enumDescriptions: descriptions } : {}),
    },
    unexpressed: [],
  };
}

function stringSchema(rules: StringRules): FragmentResult {
  const schema: JsonSchema = { type: "string" };
  const unexpressed: string[] = [];
  if (rules.const !== undefined && rules.const !== "") schema.const = rules.const;
  if (rules.in.length > 0) schema.enum = [...rules.in];
  if (rules.notIn.length > 0) schema.not = { enum: [...rules.notIn] };
  if (rules.len > 0n) schema.minLength = schema.maxLength = Number(rules.len);
  if (rules.minLen > 0n) schema.minLength = Number(rules.minLen);
  if (rules.maxLen > 0n) schema.maxLength = Number(rules.maxLen);
  const predefined = predefinedPatterns(rules);
  const patterns = [
    ...(rules.pattern !== "" ? [rules.pattern] : []),
    ...(rules.prefix !== "" ? [`^${escapeRegExp(rules.prefix)}`] : []),
    ...(rules.suffix !== "" ? [`${escapeRegExp(rules.suffix)}$`] : []),
    ...(rules.contains !== "" ? [escapeRegExp(rules.contains)] : []),
    ...predefined.patterns,
  ];
  // JSON Schema allows one pattern per schema; further ones go into allOf.
  if (patterns.length > 0) schema.pattern = patterns[0];
  if (patterns.length > 1) schema.allOf = patterns.slice(1).map((pattern) => ({ pattern }));
  unexpressed.push(...predefined.unknown.map((no) => `predefined rule ${no}`));
  if (rules.wellKnown.case !== undefined) unexpressed.push(`string.${rules.wellKnown.case}`);
  if (rules.notContains !== "") unexpressed.push("string.not_contains");
  if (rules.minBytes > 0n || rules.maxBytes > 0n || rules.lenBytes > 0n) unexpressed.push("string byte length");
  return { schema, unexpressed };
}

function int32Bounds(rules: Int32Rules): JsonSchema {
  const schema: JsonSchema = {};
  if (rules.const !== undefined && rules.const !== 0) schema.const = rules.const;
  if (rules.in.length > 0) schema.enum = [...rules.in];
  if (rules.notIn.length > 0) schema.not = { enum: [...rules.notIn] };
  switch (rules.greaterThan.case) {
    case "gt":
      schema.exclusiveMinimum = rules.greaterThan.value;
      break;
    case "gte":
      schema.minimum = rules.greaterThan.value;
      break;
    case undefined:
      break;
  }
  switch (rules.lessThan.case) {
    case "lt":
      schema.exclusiveMaximum = rules.lessThan.value;
      break;
    case "lte":
      schema.maximum = rules.lessThan.value;
      break;
    case undefined:
      break;
  }
  return schema;
}

function jsonType(scalar: ScalarType): JsonSchema["type"] {
  switch (scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return "string";
    case ScalarType.BOOL:
      return "boolean";
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return "number";
    case ScalarType.INT32:
    case ScalarType.UINT32:
    case ScalarType.SINT32:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return "integer";
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
