import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { error, type Problem } from "../core/problem";
import { keyTags } from "../defaults/key-tags";

/** KMS's limit on the tags of one key (KMS developer guide, quotas: 50 tags per KMS key). */
export const MAX_KEY_TAGS = 50;

/**
 * The tags KMS gets are `spec.tags` plus planton's `planton:*` identity tags (keyTags, the very
 * tags the program sends), and KMS refuses a key with more than 50 of them at create time.
 */
export function checkTagCount(key: AwsKmsKey): Problem[] {
  const sent = Object.keys(keyTags(key));
  // More than 50 tags in spec.tags alone is the proto rule's to report.
  if (sent.length <= MAX_KEY_TAGS || Object.keys(key.spec?.tags ?? {}).length > MAX_KEY_TAGS) return [];
  const identity = sent.filter((tag) => !Object.hasOwn(key.spec?.tags ?? {}, tag));
  const over = sent.length - MAX_KEY_TAGS;
  return [
    error(
      "spec.tags",
      `the key would get ${sent.length} tags, ${identity.length} of them planton's own (${identity.join(", ")}), and KMS allows ${MAX_KEY_TAGS}: remove ${over} of spec.tags`,
    ),
  ];
}
