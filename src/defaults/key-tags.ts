import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";

/** Value of the `planton:kind` tag. */
const KIND = "AwsKmsKey";

/**
 * Tags for the key and each replica: the manifest's `spec.tags`, then planton's identity tags
 * (`planton:name`, `planton:org`, `planton:env` when set, `planton:kind`). Identity tags come last
 * so they win: they are how people find a key's manifest from the AWS console.
 */
export function keyTags(key: AwsKmsKey): Record<string, string> {
  return { ...(key.spec?.tags ?? {}), ...identityTags(key) };
}

/** planton's identity tags alone: what finds a manifest's key in the cloud without the state. */
export function identityTags(key: AwsKmsKey): Record<string, string> {
  const metadata = key.metadata;
  const identity: Record<string, string> = { "planton:name": metadata?.name ?? "" };
  if (metadata?.org) identity["planton:org"] = metadata.org;
  if (metadata?.env) identity["planton:env"] = metadata.env;
  identity["planton:kind"] = KIND;
  return identity;
}
