import type { JsonObject, JsonValue } from "@bufbuild/protobuf";
import { error, type Problem, type SourcePosition } from "../core/problem";
import { overrideSource, type Override } from "./parse-overrides";

/** A document's value with the overrides applied, and where they no longer fit. */
export interface ApplyOverridesResult {
  readonly value: JsonObject;
  readonly problems: Problem[];
}

/**
 * Applies parsed `--set` overrides to one document's proto-JSON value, returning a new value.
 * Overridden paths are recorded in `positions` as coming from `--set`, so later problems on them
 * say so instead of pointing at a stale line.
 */
export function applyOverrides(
  value: JsonObject,
  overrides: readonly Override[],
  positions: Map<string, SourcePosition>,
): ApplyOverridesResult {
  if (overrides.length === 0) return { value, problems: [] };
  const result = structuredClone(value);
  const problems: Problem[] = [];
  for (const override of overrides) {
    const problem = setAt(result, override);
    if (problem) problems.push(error(override.path, problem, { file: overrideSource }));
    else positions.set(override.path, { file: overrideSource });
  }
  return { value: result, problems };
}

/** Sets the override's value, creating missing objects and lists; says why when it cannot. */
function setAt(root: JsonObject, override: Override): string | undefined {
  let container: JsonObject | JsonValue[] = root;
  for (let i = 0; i < override.steps.length; i++) {
    const step = override.steps[i];
    const last = i === override.steps.length - 1;
    const fresh = (): JsonObject | JsonValue[] => (override.steps[i + 1]?.kind === "index" ? [] : {});
    if (step.kind === "index") {
      const list = container as JsonValue[];
      if (step.index > list.length) {
        return `index ${step.index} is past the end of the list (it has ${list.length} items; [${list.length}] adds one)`;
      }
      if (last) list[step.index] = override.value;
      else container = (list[step.index] ??= fresh()) as JsonObject | JsonValue[];
      continue;
    }
    const object = container as JsonObject;
    const key = step.kind === "field" ? step.name : step.key;
    if (last) object[key] = override.value;
    else container = (object[key] ??= fresh()) as JsonObject | JsonValue[];
  }
  return undefined;
}
