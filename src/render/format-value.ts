import { UNKNOWN_VALUE } from "../plan/unknown-value";

/**
 * One property value as the plan shows it: strings quoted, unknowns as `(known after apply)`,
 * lists and maps as compact JSON, and a string holding a JSON document (a key policy) pretty
 * printed on the lines below, indented by `indent`.
 */
export function formatValue(value: unknown, indent: string): string {
  if (value === UNKNOWN_VALUE) return UNKNOWN_VALUE;
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") {
    const document = jsonDocument(value);
    if (document === undefined) return JSON.stringify(value);
    return JSON.stringify(document, null, 2).split("\n").join(`\n${indent}`);
  }
  return JSON.stringify(value);
}

function jsonDocument(text: string): object | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
