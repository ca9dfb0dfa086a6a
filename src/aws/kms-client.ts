import type * as Kms from "@aws-sdk/client-kms";

/** Where and as whom planton's own KMS calls go: the region, `--endpoint-url`, `--profile`. */
export interface KmsClientOptions {
  readonly region: string;
  readonly endpointUrl?: string;
  readonly profile?: string;
  /** The run's KMS deadline (PLANTON_KMS_TIMEOUT_SECONDS): no single request waits longer. */
  readonly timeoutSeconds?: number;
}

/**
 * A KMS client for planton's own reads (outside the engine), from the already loaded SDK
 * module. Each call gives up in bounded time: an endpoint that accepts the connection and never
 * answers must not hold the run forever.
 */
export function kmsClient(kms: typeof Kms, options: KmsClientOptions): Kms.KMSClient {
  return new kms.KMSClient({
    region: options.region,
    ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: Math.min(20, options.timeoutSeconds ?? 20) * 1000 },
  });
}
