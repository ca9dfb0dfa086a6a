/**
 * The value the engine cannot know until the resource exists (an ID, an ARN). Plans carry this
 * marker instead of the engine's sentinel UUID, so the text and JSON renderings say the same thing.
 */
export const UNKNOWN_VALUE = "(known after apply)";

/** The engine's JSON encoding of an unknown value. */
const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for the plan's unknown-value marker. */
export function isUnknownValue(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** Replaces the engine's unknown sentinels anywhere in `value` with UNKNOWN_VALUE. */
export function markUnknowns(value: unknown): unknown {
  if (value === ENGINE_UNKNOWN) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map(markUnknowns);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markUnknowns(v)]));
  return value;
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
