import { toJson, type JsonValue } from "@bufbuild/protobuf";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import type { Plan } from "../plan/plan";
import { planJson, stackPreviews, type StackPlanJson } from "../render/plan-json";
import type { StackPlan } from "./preview-stack";
import type { StacksRun } from "./run-stacks";

/** What a saved plan file says it is; `readSavedPlan` refuses any other file. */
export const SAVED_PLAN_KIND = "planton/saved-plan";

/** `MAJOR.MINOR` of the file (docs/ci.md): a minor bump only adds fields; apply reads only its own major. */
export const SAVED_PLAN_FORMAT_VERSION = "1.0";

/** The file `preview --out` writes and `apply --plan` applies: one entry per stack of the run. */
export interface SavedPlan {
  readonly kind: typeof SAVED_PLAN_KIND;
  readonly formatVersion: string;
  /** Unique per file; an apply of it is tagged with it in the stack's history (applied once). */
  readonly id: string;
  readonly createdAt: string;
  readonly stacks: readonly SavedStack[];
}

/** One stack's saved plan. */
export interface SavedStack {
  readonly stack: string;
  readonly file: string;
  readonly name: string;
  /** The manifest as resolved (defaults, `--set`, `--region`), in proto JSON: what apply deploys. */
  readonly manifest: JsonValue;
  /** The plan as `preview --output json` shows it. */
  readonly shown: StackPlanJson;
  /** The structured plan planton renders and guards (the same as `shown`, in full). */
  readonly plan: Plan;
  /** The safety overrides the preview was given (`--allow-replace`, `--allow-broadening`). */
  readonly allowReplace: boolean;
  readonly allowBroadening: boolean;
  /** What the plan was computed against. */
  readonly basis: {
    /** Fingerprint of the stack's state (the backend's deployment); no values. */
    readonly state: string;
    /** Fingerprint of the key, replicas and aliases the preview read live; no values. */
    readonly liveKey: string;
  };
  /** What the engine enforces the plan with: Pulumi's update plan, inline. */
  readonly engine: { readonly pulumiPlan: JsonValue };
}

/** Who made the plan and when: the parts of the file the pure core does not know. */
export interface SavedPlanMeta {
  readonly id: string;
  readonly createdAt: string;
  readonly allowReplace: boolean;
  readonly allowBroadening: boolean;
}

/**
 * The saved plan of a preview run, or undefined when some stack has no bound plan (its preview
 * failed): a file applies every stack of the run or none. A plan a safety rail refused is saved
 * with its refusals, and `apply --plan` refuses it the same way.
 */
export function savedPlan(run: StacksRun<StackPlan>, meta: SavedPlanMeta): SavedPlan | undefined {
  const shown = planJson(stackPreviews(run), run).stacks;
  const stacks: SavedStack[] = [];
  for (const [i, result] of run.results.entries()) {
    const detail = result.detail;
    if (detail?.basis === undefined || shown[i] === undefined) return undefined;
    const { label, manifest } = result.target;
    // Preview always has manifests; a stack known only from its state cannot be planned.
    if (manifest === undefined) return undefined;
    stacks.push({
      ...label,
      manifest: toJson(AwsKmsKeySchema, manifest.key),
      shown: shown[i],
      plan: detail.plan,
      allowReplace: meta.allowReplace,
      allowBroadening: meta.allowBroadening,
      basis: { state: detail.basis.state, liveKey: detail.basis.liveKey },
      engine: { pulumiPlan: JSON.parse(withoutEndpoint(detail.basis.enginePlan || "null", result.target.aws.endpointUrl)) as JsonValue },
    });
  }
  if (stacks.length === 0) return undefined;
  return { kind: SAVED_PLAN_KIND, formatVersion: SAVED_PLAN_FORMAT_VERSION, id: meta.id, createdAt: meta.createdAt, stacks };
}

/**
 * Stands in the saved update plan for the KMS endpoint URL (`--endpoint-url`), which may carry a
 * user and password: the engine records provider settings in its plan, the file must not.
 */
export const ENDPOINT_PLACEHOLDER = "planton:endpoint-url-not-saved";

/** The engine's update plan without the endpoint URL, for the file. */
function withoutEndpoint(enginePlan: string, endpointUrl: string | undefined): string {
  return endpointUrl === undefined || endpointUrl === "" ? enginePlan : enginePlan.split(JSON.stringify(endpointUrl).slice(1, -1)).join(ENDPOINT_PLACEHOLDER);
}

/** The saved update plan for the engine, with the apply's own endpoint URL put back. */
export function withEndpoint(pulumiPlan: JsonValue, endpointUrl: string | undefined): string {
  const text = JSON.stringify(pulumiPlan);
  return endpointUrl === undefined ? text : text.split(ENDPOINT_PLACEHOLDER).join(JSON.stringify(endpointUrl).slice(1, -1));
}

/** The tag an apply of this saved plan leaves in the stack's update history. */
export function appliedTag(plan: Pick<SavedPlan, "id">): string {
  return `planton saved plan ${plan.id}`;
}
