/**
 * Planned outputs for `pulumi preview` (Create/Update with preview=true), so
 * dependents see stable values (e.g. a key's arn during an in-place update)
 * instead of everything turning unknown, as with the real provider.
 */
import { ProviderConfig, effectiveRegion } from "./config";
import { mergeTags } from "./tags";
import { Props, UNKNOWN, compact, containsUnknown, deepEqual, strMap } from "./values";

/** What a resource's plan looks like. */
export interface PreviewSpec {
  /** Outputs that only the cloud knows on create (arn, keyId, ...). */
  computed: string[];
  /** Outputs that become unknown when a given input changes (input -> outputs). */
  dependents?: Record<string, string[]>;
  /** Whether the resource has tags/tagsAll. */
  tagged: boolean;
}

/** The planned outputs of creating (`olds` undefined) or updating a resource. */
export function planOutputs(cfg: ProviderConfig, spec: PreviewSpec, olds: Props | undefined, news: Props): Props {
  const out: Props = { ...(olds ?? {}) };
  for (const [k, v] of Object.entries(news)) if (v !== undefined && v !== null) out[k] = v;
  if (!olds) {
    for (const k of spec.computed) if (out[k] === undefined) out[k] = UNKNOWN;
  } else {
    for (const [input, outputs] of Object.entries(spec.dependents ?? {})) {
      if (news[input] !== undefined && !deepEqual(news[input], olds[input])) {
        for (const o of outputs) if (news[o] === undefined) out[o] = UNKNOWN;
      }
    }
  }
  if (out["region"] === undefined) {
    try {
      out["region"] = effectiveRegion(cfg);
    } catch {
      out["region"] = UNKNOWN;
    }
  }
  if (spec.tagged) {
    out["tags"] = news["tags"] ?? {};
    out["tagsAll"] = containsUnknown(news["tags"]) ? UNKNOWN : mergeTags(cfg.defaultTags, strMap(news, "tags"));
  }
  return compact(out);
}
