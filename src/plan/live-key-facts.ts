import { createHash } from "node:crypto";
import type { EngineEvent } from "../engine/engine-event";
import { isEngineBookkeeping } from "./resource-kind";

/**
 * The facts of the live key a preview read, as one SHA-256: every key, replica and alias's
 * outputs as the refresh found them (as the state holds them when the preview did not refresh),
 * sorted by URN. Two equal facts mean the key did not change in between.
 */
export function liveKeyFacts(events: readonly EngineEvent[]): string {
  const outputs = new Map<string, unknown>();
  for (const event of events) {
    if (event.kind !== "step-planned" && event.kind !== "resource-done") continue;
    const { step } = event;
    if (isEngineBookkeeping(step.type)) continue;
    // A refresh step's new side is the live resource; any other step's old side is what the preview started from.
    const read = step.op === "refresh" ? step.new : step.old;
    if (step.op === "refresh" || !outputs.has(step.urn)) outputs.set(step.urn, read?.outputs ?? null);
  }
  const sorted = [...outputs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `sha256:${createHash("sha256").update(canonicalJson(sorted)).digest("hex")}`;
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
