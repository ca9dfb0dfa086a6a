import { fromJson } from "@bufbuild/protobuf";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { PlantonError } from "../core/planton-error";
import type { Manifest } from "./load-manifests";
import { SAVED_PLAN_FORMAT_VERSION, SAVED_PLAN_KIND, type SavedPlan, type SavedStack } from "./saved-plan";

/**
 * Parses a saved plan file: a file that is not JSON, not a planton plan, of another major
 * format version, or whose manifests do not decode, is a usage error naming the file.
 */
export function readSavedPlan(text: string, file: string): SavedPlan {
  const fail = (reason: string, hint?: string): PlantonError =>
    new PlantonError("usage", `cannot read plan ${file}: ${reason}`, { hint: hint ?? "pass a file written by `planton preview --out`" });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw fail(`it is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const doc = value as Partial<SavedPlan> | null;
  if (typeof doc !== "object" || doc === null || doc.kind !== SAVED_PLAN_KIND) throw fail("it is not a planton saved plan (no \"kind\": \"planton/saved-plan\")");
  const major = (v: unknown): string => String(v).split(".")[0] ?? "";
  if (major(doc.formatVersion) !== major(SAVED_PLAN_FORMAT_VERSION)) {
    throw fail(`its format version ${String(doc.formatVersion)} is not ${SAVED_PLAN_FORMAT_VERSION}`, "preview again with this planton");
  }
  if (typeof doc.id !== "string" || !Array.isArray(doc.stacks) || doc.stacks.length === 0 || !doc.stacks.every(isSavedStack)) {
    throw fail("it is incomplete or damaged (id, stacks)", "preview again (preview --out) for a new plan");
  }
  for (const stack of doc.stacks) savedManifest(stack, file);
  return doc as SavedPlan;
}

/** The saved stack's manifest as the stacks frame takes it (no positions: it comes from no YAML). */
export function savedManifest(saved: SavedStack, file: string): Manifest {
  try {
    const key = fromJson(AwsKmsKeySchema, saved.manifest);
    return { file: saved.file, index: 0, name: saved.name, key, positions: new Map() };
  } catch (err) {
    throw new PlantonError("usage", `cannot read plan ${file}: the manifest of stack ${saved.stack} does not decode (${err instanceof Error ? err.message : String(err)})`);
  }
}

function isSavedStack(value: unknown): value is SavedStack {
  const s = value as Partial<SavedStack> | null;
  return (
    typeof s === "object" && s !== null && typeof s.stack === "string" && typeof s.file === "string" && typeof s.name === "string" &&
    typeof s.manifest === "object" && typeof s.plan === "object" && s.plan !== null && Array.isArray(s.plan.changes) &&
    typeof s.basis?.state === "string" && typeof s.basis.liveKey === "string" && typeof s.allowReplace === "boolean" && typeof s.allowBroadening === "boolean" &&
    typeof s.engine === "object" && s.engine !== null
  );
}
