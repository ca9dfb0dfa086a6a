import { ScalarType, type DescField, type DescMessage, type JsonValue } from "@bufbuild/protobuf";
import { error, type Problem } from "../core/problem";
import { checkEnum, checkScalar, unknownFieldMessage, type CheckedValue } from "./check-document";

/** One step of an override path: a field, a list index or a map key. */
export type OverrideStep =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "key"; readonly key: string };

/** One `--set path=value`, resolved against the schema and typed. */
export interface Override {
  /** The path as written, e.g. `spec.replicaRegions[0]`. */
  readonly path: string;
  readonly steps: readonly OverrideStep[];
  readonly value: JsonValue;
}

/** The overrides that made sense, and a problem for each that did not. */
export interface ParseOverridesResult {
  readonly overrides: Override[];
  readonly problems: Problem[];
}

/** Problems with `--set` carry this in place of a file name. */
export const overrideSource = "--set";

/**
 * Parses `--set path=value` arguments against the schema: the path must name a scalar, enum,
 * list item (`spec.replicaRegions[0]`) or map entry (`spec.tags.team`), and the value is typed
 * by the field (`14` → number for `deletionWindowDays`, `true` → boolean, enum names).
 */
export function parseOverrides(args: readonly string[], schema: DescMessage): ParseOverridesResult {
  const overrides: Override[] = [];
  const problems: Problem[] = [];
  for (const arg of args) {
    const equals = arg.indexOf("=");
    if (equals <= 0) {
      problems.push(error("", `must be path=value, e.g. spec.deletionWindowDays=14 (got ${JSON.stringify(arg)})`, { file: overrideSource }));
      continue;
    }
    const path = arg.slice(0, equals);
    const resolved = resolvePath(path, schema);
    if ("problem" in resolved) {
      problems.push(error(path, resolved.problem, { file: overrideSource }));
      continue;
    }
    const typed = typeValue(arg.slice(equals + 1), resolved.target);
    if (!typed.ok) {
      problems.push(error(path, typed.problem, { file: overrideSource }));
      continue;
    }
    overrides.push({ path, steps: resolved.steps, value: typed.value });
  }
  return { overrides, problems };
}

/** What a path ends on: a scalar type or an enum, from a field, list item or map value. */
type Target = { scalar: ScalarType } | { enum: DescField["enum"] & object };

function resolvePath(path: string, schema: DescMessage): { steps: OverrideStep[]; target: Target } | { problem: string } {
  const steps: OverrideStep[] = [];
  let message = schema;
  let rest = path;
  let parent = "";
  for (;;) {
    const name = /^[^.[]*/.exec(rest)![0];
    rest = rest.slice(name.length);
    const field = message.fields.find((f) => f.jsonName === name);
    if (field === undefined) return { problem: unknownFieldMessage(name, message, parent) };
    steps.push({ kind: "field", name });
    const here = parent === "" ? name : `${parent}.${name}`;
    switch (field.fieldKind) {
      case "scalar":
      case "enum":
        if (rest !== "") return { problem: `${here} is a single value and has no fields` };
        return { steps, target: field.fieldKind === "scalar" ? { scalar: field.scalar } : { enum: field.enum } };
      case "message":
        if (!rest.startsWith(".")) return { problem: `is an object: set one of its fields, e.g. ${here}.${field.message.fields[0].jsonName}=VALUE` };
        rest = rest.slice(1);
        message = field.message;
        parent = here;
        continue;
      case "list": {
        const index = /^\[(\d+)\]/.exec(rest);
        if (index === null) return { problem: `is a list: set one item, e.g. ${here}[0]=VALUE` };
        steps.push({ kind: "index", index: Number(index[1]) });
        rest = rest.slice(index[0].length);
        if (field.listKind === "message") {
          if (!rest.startsWith(".")) return { problem: `is a list of objects: set one field of an item, e.g. ${here}[0].${field.message.fields[0].jsonName}=VALUE` };
          rest = rest.slice(1);
          message = field.message;
          parent = `${here}[${index[1]}]`;
          continue;
        }
        if (rest !== "") return { problem: `${here} items are single values and have no fields` };
        return { steps, target: field.listKind === "scalar" ? { scalar: field.scalar } : { enum: field.enum } };
      }
      case "map":
        // Everything after the map's name is the key: tag keys may hold dots.
        if (!rest.startsWith(".") || rest.length === 1) return { problem: `is a map: set one entry, e.g. ${here}.KEY=VALUE` };
        if (field.mapKind === "message") return { problem: `${here} entries are objects and cannot be set with --set` };
        steps.push({ kind: "key", key: rest.slice(1) });
        return { steps, target: field.mapKind === "scalar" ? { scalar: field.scalar } : { enum: field.enum } };
    }
  }
}

/** The raw text typed for the target: numbers and booleans parsed, enum names checked. */
function typeValue(raw: string, target: Target): CheckedValue<JsonValue> {
  if ("enum" in target) return checkEnum(raw, target.enum);
  switch (target.scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return checkScalar(raw, target.scalar);
    case ScalarType.BOOL:
      return checkScalar(raw === "true" ? true : raw === "false" ? false : raw, target.scalar);
    default:
      return checkScalar(/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw, target.scalar);
  }
}
