/**
 * The reason of a run that stopped on an endpoint that accepted the connection and never
 * answered, for "cannot ‹verb› stack ‹name›: ‹reason›". The URL is the user's `--endpoint-url`
 * (or AWS_ENDPOINT_URL_KMS), which never carries credentials (endpointProblem refuses those),
 * or the region's public KMS endpoint.
 */
export function silentEndpointReason(url: string, seconds: number): string {
  return `the KMS endpoint ${url} did not answer within ${seconds} s`;
}

/** The public KMS endpoint of `region`, which the provider uses without `--endpoint-url`. */
export function publicKmsEndpoint(region: string): string {
  return `https://kms.${region}${region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com"}`;
}
