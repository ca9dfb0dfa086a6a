/** What the AWS provider needs to know about where to deploy. */
export interface AwsTarget {
  readonly region: string;
  /** `--profile`: a shared-config profile. */
  readonly profile?: string;
  /** `--endpoint-url` / AWS_ENDPOINT_URL_KMS: a KMS endpoint such as LocalStack. */
  readonly endpointUrl?: string;
}

/**
 * The stack configuration for the default AWS provider: the region, the profile, and with a
 * custom KMS endpoint the settings an emulator needs (no STS credential check, no account-id
 * lookup, no instance-metadata probe).
 */
export function stackConfig(target: AwsTarget): Record<string, unknown> {
  const config: Record<string, unknown> = { "aws:region": target.region };
  if (target.profile !== undefined) config["aws:profile"] = target.profile;
  if (target.endpointUrl !== undefined) {
    config["aws:endpoints"] = [{ kms: target.endpointUrl }];
    config["aws:skipCredentialsValidation"] = true;
    config["aws:skipRequestingAccountId"] = true;
    config["aws:skipMetadataApiCheck"] = true;
  }
  return config;
}
