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
  /**
   * Seconds one create, update or delete may take before the provider gives up (the
   * `customTimeouts` of every resource); DEFAULT_KMS_TIMEOUT_SECONDS when absent.
   */
  readonly timeoutSeconds?: number;
  /** Import these live resources instead of creating them (see Adoption). */
  readonly adopt?: Adoption;
}

/**
 * Live resources a stack adopts (`planton import`): the engine imports them (Pulumi's `import`
 * resource option) instead of creating them, so the program must describe them exactly as they
 * are; the tags are the live ones, as planton's identity tags only come with the first apply.
 */
export interface Adoption {
  readonly keyId: string;
  /** The alias `spec.alias` names, when it exists. */
  readonly alias?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Replica key ids (and their alias, when it exists) by region. */
  readonly replicas: Readonly<Record<string, { readonly keyId: string; readonly alias?: string; readonly tags: Readonly<Record<string, string>> }>>;
}
