/** How the program reaches AWS; decided by the engine from flags and environment. */
export interface ProgramOptions {
  /**
   * KMS endpoint for the primary region (`--endpoint-url`, `AWS_ENDPOINT_URL_KMS`), e.g. LocalStack.
   * Setting it also turns off the provider's checks that need real AWS (credentials, region
   * names, metadata API).
   */
  readonly endpointUrl?: string;
  /** Named AWS profile (`--profile`), used by every provider the program creates. */
  readonly profile?: string;
}
