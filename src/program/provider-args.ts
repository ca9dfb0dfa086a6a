import { KMS_MAX_RETRIES } from "./operation-timeouts";
import type { ProgramOptions } from "./program-options";

/** Inputs of one explicit `aws.Provider`, in `@pulumi/aws` names. */
export interface ProviderArgsFromOptions {
  readonly region: string;
  readonly profile?: string;
  readonly maxRetries: number;
  readonly endpoints?: { kms: string }[];
  readonly skipCredentialsValidation?: boolean;
  readonly skipMetadataApiCheck?: boolean;
  readonly skipRegionValidation?: boolean;
  readonly skipRequestingAccountId?: boolean;
}

/**
 * Provider inputs for the primary region. With a custom endpoint, the checks that only real AWS
 * can answer (STS credential validation, account id lookup, EC2 metadata, known region names) are
 * skipped, as LocalStack's own docs advise.
 */
export function primaryProviderArgs(region: string, options: ProgramOptions): ProviderArgsFromOptions {
  const base = replicaProviderArgs(region, options);
  return options.endpointUrl ? { ...base, endpoints: [{ kms: options.endpointUrl }] } : base;
}

/**
 * Provider inputs for a replica region. The endpoint is never copied: one URL serves one region
 * (each emulator in the sandbox, and a regional VPC endpoint in real life), so replicas resolve
 * theirs the standard way (`AWS_ENDPOINT_URL_KMS`, or the sandbox's per-region routing).
 */
export function replicaProviderArgs(region: string, options: ProgramOptions): ProviderArgsFromOptions {
  const args: ProviderArgsFromOptions = { region, ...(options.profile ? { profile: options.profile } : {}), maxRetries: KMS_MAX_RETRIES };
  if (!options.endpointUrl) return args;
  return {
    ...args,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: true,
    skipRegionValidation: true,
    skipRequestingAccountId: true,
  };
}
