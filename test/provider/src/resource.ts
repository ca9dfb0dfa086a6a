/**
 * The shape every resource implementation (Key, Alias, ReplicaKey) has, so the
 * provider can dispatch on the resource type.
 */
import { CheckResult, CreateResult, ReadResult, UpdateResult } from "@pulumi/pulumi/provider";
import { ProviderConfig } from "./config";
import { DetailedDiffResult } from "./diff";
import { PreviewSpec } from "./preview";
import { Props, compact } from "./values";

/** What an operation knows besides its properties. */
export interface Ctx {
  /** The configuration of the provider instance handling the call. */
  readonly cfg: ProviderConfig;
  /** The resource's URN (its last segment is the resource name). */
  readonly urn: string;
}

/** One resource type's CRUD against KMS. */
export interface ResourceImpl {
  /** How to plan outputs during preview. */
  readonly previewSpec: PreviewSpec;
  check(ctx: Ctx, olds: Props, news: Props): CheckResult;
  diff(id: string, olds: Props, news: Props): DetailedDiffResult;
  create(ctx: Ctx, inputs: Props): Promise<CreateResult>;
  read(ctx: Ctx, id: string, props: Props): Promise<ReadResult>;
  update(ctx: Ctx, id: string, olds: Props, news: Props): Promise<UpdateResult>;
  delete(ctx: Ctx, id: string, props: Props): Promise<void>;
}

/** The resource name from a URN (`urn:pulumi:stack::project::type::name`). */
export function urnName(urn: string): string {
  return urn.split("::").pop() ?? "resource";
}

/**
 * A ReadResult: nothing (the resource is gone) or the live state, plus inputs
 * rebuilt from it when the engine had none (an import).
 */
export function readResult(id: string, state: Props | undefined, props: Props, inputNames: string[]): ReadResult {
  if (!state) return { id: "", props: {} };
  const importing = Object.keys(props).length === 0;
  if (!importing) return { id, props: state };
  const inputs: Props = {};
  for (const k of inputNames) inputs[k] = state[k];
  return { id, props: state, inputs: compact(inputs) };
}
