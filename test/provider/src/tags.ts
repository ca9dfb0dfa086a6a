/**
 * Tags: `tags` (the resource's own) and `tagsAll` (with the provider's
 * `defaultTags` merged underneath), and applying a change with Tag/UntagResource.
 */
import { KMSClient, TagResourceCommand, UntagResourceCommand, Tag } from "@aws-sdk/client-kms";

/** Provider default tags overlaid by the resource's tags (what AWS ends up with). */
export function mergeTags(defaults: Record<string, string>, tags: Record<string, string>): Record<string, string> {
  return { ...defaults, ...tags };
}

/** A tag map as the KMS API's list, or undefined when empty. */
export function toTagList(tags: Record<string, string>): Tag[] | undefined {
  const list = Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  return list.length ? list : undefined;
}

/**
 * The resource's own `tags` as seen live: every live tag except those that
 * only come from the provider's default tags.
 */
export function ownTags(
  live: Record<string, string>,
  defaults: Record<string, string>,
  prior: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(live)) {
    if (k in defaults && defaults[k] === v && !(k in prior)) continue;
    out[k] = v;
  }
  return out;
}

/** Brings the key's tags from `from` to `to` (untag removed keys, tag new/changed ones). */
export async function applyTags(
  client: KMSClient,
  keyId: string,
  from: Record<string, string>,
  to: Record<string, string>,
): Promise<void> {
  const removed = Object.keys(from).filter((k) => !(k in to));
  if (removed.length) await client.send(new UntagResourceCommand({ KeyId: keyId, TagKeys: removed }));
  const changed: Record<string, string> = {};
  for (const [k, v] of Object.entries(to)) if (from[k] !== v) changed[k] = v;
  const list = toTagList(changed);
  if (list) await client.send(new TagResourceCommand({ KeyId: keyId, Tags: list }));
}
