// One concept: walking a YAML document against the message descriptors. It is long because each
// value kind (message, list, map, scalar, enum) has its own small checker, kept side by side.
import { getOption, ScalarType, type DescEnum, type DescField, type DescMessage, type JsonObject, type JsonValue } from "@bufbuild/protobuf";
import { field as fieldRulesOption } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { isAlias, isMap, isScalar, isSeq, type Node } from "yaml";
import { error, type Problem, type SourcePosition } from "../core/problem";
import { anchorTargets, type AnchorTargets } from "./anchor-targets";
import { didYouMeanHint } from "./did-you-mean";
import type { YamlDocument } from "./parse-documents";
import { joinPath } from "./position-index";

/** A document checked against the schema: its proto-JSON value when it had no errors, positions, problems. */
export interface CheckedDocument {
  /**
   * Plain proto JSON (JSON names, enum names) of the fields that passed, ready for `fromJson`;
   * undefined when the document is not a mapping at all.
   */
  readonly value: JsonObject | undefined;
  readonly positions: Map<string, SourcePosition>;
  readonly problems: Problem[];
}

/**
 * How many values the aliases (`*anchor`) of one document may bring in, counting a value again
 * each time it is repeated. Real manifests repeat a few; the bound keeps an alias bomb (aliases of
 * aliases of a big list) from costing more than a plain file could.
 */
export const maxAliasedValues = 10_000;

/**
 * Walks a YAML document against `schema` and collects every problem with its JSON path:
 * unknown fields (with "did you mean"), wrong types, unknown enum values, nulls. Only JSON names
 * (`keySpec`) are accepted, as the manifest contract says.
 */
export function checkDocument(yaml: YamlDocument, schema: DescMessage): CheckedDocument {
  const walk = new Walk(yaml);
  const contents = yaml.document.contents as Node | null;
  walk.position("", contents);
  let value: JsonObject | undefined;
  if (!isMap(contents)) {
    walk.problem("", `a manifest must be a mapping of fields (apiVersion, kind, metadata, spec), not ${describeNode(contents)}`, contents);
  } else {
    value = walk.message(contents, schema, "");
  }
  return { value, positions: walk.positions, problems: walk.problems };
}

class Walk {
  readonly problems: Problem[] = [];
  readonly positions = new Map<string, SourcePosition>();
  private aliasedValues = 0;
  private overBudget = false;
  private readonly anchors: AnchorTargets;

  constructor(private readonly yaml: YamlDocument) {
    this.anchors = anchorTargets(yaml.document);
  }

  position(path: string, node: Node | null | undefined): void {
    const offset = node?.range?.[0];
    if (offset !== undefined) this.positions.set(path, this.yaml.positionAt(offset));
  }

  problem(path: string, message: string, node: Node | null | undefined): void {
    const offset = node?.range?.[0];
    const at = offset !== undefined ? this.yaml.positionAt(offset) : { file: this.yaml.file };
    this.problems.push(error(path, message, at));
  }

  /**
   * A value about to be walked: itself, or what its alias (`*anchor`) stands for; undefined (with a
   * problem) for an alias to no anchor, or one that would take the aliased values over the budget.
   */
  resolve(node: unknown, path: string): Node | null | undefined {
    const target = this.anchors.resolve(node);
    if (target.kind === "unresolved") {
      this.problem(path, `*${target.name} refers to no anchor: define &${target.name} on a value before it, or write the value here`, node as Node);
      return undefined;
    }
    if (!isAlias(node)) return target.node;
    this.aliasedValues += target.expandedSize;
    if (this.aliasedValues > maxAliasedValues) {
      if (!this.overBudget) this.problem(path, `aliases repeat more than ${maxAliasedValues} values in this document; a manifest needs far fewer: write the values out`, node as Node);
      this.overBudget = true;
      return undefined;
    }
    return target.node;
  }

  message(node: Node, schema: DescMessage, path: string): JsonObject | undefined {
    if (!isMap(node)) {
      this.problem(path, `must be a mapping of fields, not ${describeNode(node)}`, node);
      return undefined;
    }
    const result: JsonObject = {};
    const seen = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? keyNode.value : undefined;
      if (typeof name !== "string") {
        this.problem(path, `field names must be strings, not ${describeNode(keyNode)}`, keyNode);
        continue;
      }
      const fieldPath = joinPath(path, name);
      if (this.duplicate(seen, name, fieldPath, keyNode)) continue;
      const field = schema.fields.find((f) => f.jsonName === name);
      if (field === undefined) {
        this.problem(fieldPath, unknownFieldMessage(name, schema, path), keyNode);
        continue;
      }
      this.position(fieldPath, keyNode);
      const value = this.field(this.resolve(pair.value, fieldPath), field, fieldPath, keyNode);
      if (value !== undefined) result[name] = value;
    }
    return result;
  }

  /**
   * True (with a problem) when `key` was already in this mapping. Checked here, in one pass with a
   * set, because the YAML library's own check compares every key with every other one.
   */
  private duplicate(seen: Set<string>, key: string, path: string, keyNode: Node | null): boolean {
    if (!seen.has(key)) {
      seen.add(key);
      return false;
    }
    const first = this.positions.get(path);
    const where = first?.line !== undefined ? ` (first on line ${first.line})` : "";
    this.problem(path, `"${key}" is written twice in this mapping${where}; keep one`, keyNode);
    return true;
  }

  private field(node: Node | null | undefined, field: DescField, path: string, keyNode: Node | null): JsonValue | undefined {
    if (node === undefined) return undefined;
    if (node === null || isNull(node)) {
      this.problem(path, emptyValueMessage(field), node ?? keyNode);
      return undefined;
    }
    switch (field.fieldKind) {
      case "scalar":
        return this.scalar(node, field.scalar, path);
      case "enum":
        return this.enumValue(node, field.enum, path);
      case "message":
        return this.message(node, field.message, path);
      case "list":
        return this.list(node, field, path);
      case "map":
        return this.map(node, field, path);
    }
  }

  private list(node: Node, field: DescField & { fieldKind: "list" }, path: string): JsonValue[] | undefined {
    if (!isSeq(node)) {
      this.problem(path, `must be a list, not ${describeNode(node)}`, node);
      return undefined;
    }
    const result: JsonValue[] = [];
    node.items.forEach((raw, index) => {
      const itemPath = `${path}[${index}]`;
      const item = this.resolve(raw, itemPath);
      this.position(itemPath, item);
      if (item === undefined) return;
      if (item === null || isNull(item)) return this.problem(itemPath, "must not be empty", item);
      const value =
        field.listKind === "scalar" ? this.scalar(item, field.scalar, itemPath)
        : field.listKind === "enum" ? this.enumValue(item, field.enum, itemPath)
        : this.message(item, field.message, itemPath);
      if (value !== undefined) result.push(value);
    });
    return result;
  }

  private map(node: Node, field: DescField & { fieldKind: "map" }, path: string): JsonObject | undefined {
    if (!isMap(node)) {
      this.problem(path, `must be a mapping of keys to values, not ${describeNode(node)}`, node);
      return undefined;
    }
    const result: JsonObject = {};
    const seen = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) && (typeof keyNode.value === "string" || typeof keyNode.value === "number") ? String(keyNode.value) : undefined;
      if (key === undefined) {
        this.problem(path, `keys must be strings, not ${describeNode(keyNode)}`, keyNode);
        continue;
      }
      const entryPath = joinPath(path, key);
      if (this.duplicate(seen, key, entryPath, keyNode)) continue;
      this.position(entryPath, keyNode);
      const item = this.resolve(pair.value, entryPath);
      if (item === undefined) continue;
      if (item === null || isNull(item)) {
        this.problem(entryPath, `must not be empty; use "" for an empty value`, item ?? keyNode);
        continue;
      }
      const value =
        field.mapKind === "scalar" ? this.scalar(item, field.scalar, entryPath)
        : field.mapKind === "enum" ? this.enumValue(item, field.enum, entryPath)
        : this.message(item, field.message, entryPath);
      if (value !== undefined) result[key] = value;
    }
    return result;
  }

  private scalar(node: Node, type: ScalarType, path: string): JsonValue | undefined {
    const value = isScalar(node) ? node.value : undefined;
    const checked = checkScalar(value, type);
    if (!checked.ok) {
      this.problem(path, isScalar(node) ? checked.problem : `${scalarTypeMessage(type)}, not ${describeNode(node)}`, node);
      return undefined;
    }
    return checked.value;
  }

  private enumValue(node: Node, desc: DescEnum, path: string): string | undefined {
    const value = isScalar(node) ? node.value : undefined;
    const checked = checkEnum(value, desc);
    if (!checked.ok) {
      this.problem(path, isScalar(node) ? checked.problem : `must be one of ${enumNames(desc).join(", ")}, not ${describeNode(node)}`, node);
      return undefined;
    }
    return checked.value;
  }
}

/** A value checked for a field: the proto-JSON value, or the sentence saying why it does not fit. */
export type CheckedValue<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const ok = <T>(value: T): CheckedValue<T> => ({ ok: true, value });
const mismatch = (problem: string): CheckedValue<never> => ({ ok: false, problem });

/** A scalar from YAML or `--set`, typed for `type`. */
export function checkScalar(value: unknown, type: ScalarType): CheckedValue<JsonValue> {
  switch (type) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      if (typeof value === "string") return ok(value);
      return mismatch(`must be a string (got ${show(value)}); quote it: "${String(value)}"`);
    case ScalarType.BOOL:
      if (typeof value === "boolean") return ok(value);
      return mismatch(`must be true or false (got ${show(value)})`);
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return checkInteger(value, -(2 ** 31), 2 ** 31 - 1);
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return checkInteger(value, 0, 2 ** 32 - 1);
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return checkInteger(value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      if (typeof value === "number" && Number.isFinite(value)) return ok(value);
      return mismatch(`must be a number (got ${show(value)})`);
  }
}

function checkInteger(value: unknown, min: number, max: number): CheckedValue<JsonValue> {
  if (typeof value !== "number" || !Number.isInteger(value)) return mismatch(`must be an integer (got ${show(value)})`);
  if (value < min || value > max) return mismatch(`must be an integer between ${min} and ${max} (got ${value})`);
  return ok(value);
}

/** An enum value's name (AWS spelling) from YAML or `--set`, with a hint when it is close to one. */
export function checkEnum(value: unknown, desc: DescEnum): CheckedValue<string> {
  const names = enumNames(desc);
  if (typeof value === "string" && names.includes(value)) return ok(value);
  const hint = typeof value === "string" ? didYouMeanHint(value, names) : "";
  return mismatch(`must be one of ${names.join(", ")} (got ${show(value)})${hint}`);
}

/** The names a manifest may use: every value but the zero "unspecified" one. */
function enumNames(desc: DescEnum): string[] {
  return desc.values.filter((v) => v.number !== 0).map((v) => v.name);
}

function scalarTypeMessage(type: ScalarType): string {
  const checked = checkScalar(undefined, type);
  return checked.ok ? "" : checked.problem.replace(/ \(got.*$/, "");
}

/** "unknown field "x" in spec" with a hint: the JSON name when the proto name was used, a close match, or the list. */
export function unknownFieldMessage(name: string, schema: DescMessage, parent: string): string {
  const where = parent === "" ? "a manifest" : parent;
  const byProtoName = schema.fields.find((f) => f.name === name);
  if (byProtoName) return `unknown field "${name}" in ${where}: write it "${byProtoName.jsonName}"`;
  const hint = didYouMeanHint(name, schema.fields.map((f) => f.jsonName));
  const known = hint === "" ? `; known fields: ${schema.fields.map((f) => f.jsonName).join(", ")}` : hint;
  return `unknown field "${name}" in ${where}${known}`;
}

function isNull(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return "nothing";
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node)) return node.value === null ? "null" : `${typeof node.value === "string" ? "the string" : "the value"} ${show(node.value)}`;
  return "an alias";
}

// `spec:` with nothing after it is null to YAML. Removing a required block only trades this error
// for "is required", so a required message is told to be an empty mapping (which takes defaults).
function emptyValueMessage(field: DescField): string {
  if (field.fieldKind !== "message") return "must not be empty; give it a value or remove the line";
  if (getOption(field, fieldRulesOption).required) return `must not be empty; give it fields, or write ${field.jsonName}: {}`;
  return "must not be empty; give it fields or remove the line";
}
