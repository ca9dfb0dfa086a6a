import type { CustomTimeouts } from "@pulumi/pulumi";

/**
 * How long one create, update or delete of a key, replica or alias may take, in seconds, unless
 * `PLANTON_KMS_TIMEOUT_SECONDS` says otherwise. The AWS SDK inside the provider sets no time
 * limit on a request, so an endpoint that accepts the connection and never answers would hold
 * the run forever; the engine sends this bound with every create, update and delete and the
 * provider makes it the operation's deadline. Healthy KMS calls take well under a second; the
 * provider's own waits (a new key's policy and tags becoming visible) take seconds.
 */
export const DEFAULT_KMS_TIMEOUT_SECONDS = 120;

/**
 * How often the provider retries a failed AWS request (`maxRetries`; the AWS provider's own
 * default is 25, which turns a refused connection into minutes of back-off).
 */
export const KMS_MAX_RETRIES = 5;

/** The `customTimeouts` resource option for every resource the program registers. */
export function operationTimeouts(seconds: number): CustomTimeouts {
  const bound = `${seconds}s`;
  return { create: bound, update: bound, delete: bound };
}
