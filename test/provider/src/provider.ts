/**
 * The provider object handed to `@pulumi/pulumi/provider`'s `main`: dispatches
 * each call on the resource type in the URN to Key, Alias or ReplicaKey, with
 * this provider instance's configuration.
 */
import { Provider } from "@pulumi/pulumi/provider";
import { alias } from "./alias";
import { EMPTY_CONFIG, ProviderConfig } from "./config";
import { DetailedDiffResult } from "./diff";
import { invoke } from "./invokes";
import { planOutputs } from "./preview";
import { key } from "./key";
import { replicaKey } from "./replica-key";
import { Ctx, ResourceImpl } from "./resource";
import { Props, unwrapSecrets } from "./values";

/** The version the engine sees (matches the @pulumi/aws SDK this repo pins). */
export const PROVIDER_VERSION = "7.48.0";

const RESOURCES: Record<string, ResourceImpl> = {
  "aws:kms/key:Key": key,
  "aws:kms/alias:Alias": alias,
  "aws:kms/replicaKey:ReplicaKey": replicaKey,
};

/** The resource type token in a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeFromUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

function impl(urn: string): ResourceImpl {
  const r = RESOURCES[typeFromUrn(urn)];
  if (!r) throw new Error(`the test aws provider does not implement the resource type ${typeFromUrn(urn)}`);
  return r;
}

/** A Provider whose diff also returns a detailed diff (see grpc-hooks). */
export interface KmsProvider extends Provider {
  diff(id: string, urn: string, olds: Props, news: Props): Promise<DetailedDiffResult>;
  /** Planned outputs of a create (`olds` undefined) or update during preview; touches nothing. */
  preview(urn: string, olds: Props | undefined, news: Props): Promise<Props>;
}

/** Builds the provider; `config()` returns the configuration current at call time. */
export function makeProvider(config: () => ProviderConfig = () => EMPTY_CONFIG): KmsProvider {
  const ctx = (urn: string): Ctx => ({ cfg: config(), urn });
  const p = (v: unknown): Props => unwrapSecrets((v ?? {}) as Props);
  return {
    version: PROVIDER_VERSION,
    async check(urn, olds, news) {
      return impl(urn).check(ctx(urn), p(olds), p(news));
    },
    async diff(id, urn, olds, news) {
      return impl(urn).diff(id, p(olds), p(news));
    },
    async preview(urn, olds, news) {
      return planOutputs(config(), impl(urn).previewSpec, olds && p(olds), p(news));
    },
    async create(urn, inputs) {
      return impl(urn).create(ctx(urn), p(inputs));
    },
    async read(id, urn, props) {
      return impl(urn).read(ctx(urn), id, p(props));
    },
    async update(id, urn, olds, news) {
      return impl(urn).update(ctx(urn), id, p(olds), p(news));
    },
    async delete(id, urn, props) {
      return impl(urn).delete(ctx(urn), id, p(props));
    },
    async invoke(token, args) {
      return invoke(config(), token, p(args));
    },
  };
}
