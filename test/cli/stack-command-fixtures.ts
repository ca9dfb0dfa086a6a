// The manifest and environment the destroy and refresh command tests run with (engine mocked).

/** One key, stack `acme-prod-rds`, read from stdin (`-f -`). */
export const STACK_MANIFEST = `apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata:
  name: rds
  org: acme
  env: prod
spec:
  region: us-east-1
`;

/** A backend that is never opened (the stack is mocked) and a passphrase so no notice is printed. */
export const STACK_ENV = { PLANTON_BACKEND_URL: "file:///nonexistent", PULUMI_CONFIG_PASSPHRASE: "x" };
