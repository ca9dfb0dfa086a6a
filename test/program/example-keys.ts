import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { parseAllDocuments } from "yaml";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { applyDefaults } from "../../src/defaults/apply-defaults";

/** Region the tests resolve for manifests that do not name one (what `--region` would give). */
export const DEFAULT_REGION = "us-east-1";

/** The user's example from the contract, pinned here so its exact deployment is asserted. */
export const PROD_RDS_PRIMARY = `
apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata:
  name: prod-rds-primary
  org: acme
  env: prod
  labels: { team: payments }
spec:
  region: us-east-1
  alias: "alias/prod/rds-primary"
  description: "Production RDS cluster encryption key"
  keySpec: SYMMETRIC_DEFAULT
  keyUsage: ENCRYPT_DECRYPT
  enableRotation: true
  rotationPeriodDays: 365
  deletionWindowDays: 30
  multiRegion: false
  replicaRegions: []
  tags: { CostCenter: "1234" }
  policy:
    adminRole: "arn:aws:iam::123456789012:role/SecurityAdmin"
    usageRoles:
      - "arn:aws:iam::123456789012:role/RDSServiceRole"
    encryptionContext:
      App: "CustomerDatabase"
      Environment: "Production"
`;

/** A multi-Region key with one replica and deletion protection; its RDS access makes the policy regional. */
export const MULTI_REGION = `
apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata: { name: payments-mrk, org: acme, env: prod }
spec:
  region: us-east-1
  description: "Payments data, replicated to Europe"
  multiRegion: true
  replicaRegions: [eu-west-1]
  deletionWindowDays: 14
  deletionProtection: true
  tags: { team: payments }
  policy:
    adminRole: "arn:aws:iam::123456789012:role/SecurityAdmin"
    usageRoles: ["arn:aws:iam::123456789012:role/PaymentsApp"]
    services: [{ service: rds }]
`;

/** Smallest valid manifest: every spec field defaulted, region from the context. */
export const MINIMAL = `
apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata: { name: minimal }
spec: {}
`;

/** An RSA signing key: no rotation possible. */
export const RSA_SIGNING = `
apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata: { name: release-signing, env: prod }
spec:
  keySpec: RSA_4096
  keyUsage: SIGN_VERIFY
  description: "Signs release artifacts"
`;

/** An HMAC key. */
export const HMAC = `
apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata: { name: webhook-hmac }
spec:
  keySpec: HMAC_256
  enabled: false
`;

/** The manifests above by name, as validate-and-default would hand them to the engine. */
export function inlineExamples(): Map<string, AwsKmsKey> {
  const texts = { "prod-rds-primary": PROD_RDS_PRIMARY, "multi-region": MULTI_REGION, minimal: MINIMAL, "rsa-signing": RSA_SIGNING, hmac: HMAC };
  return new Map(Object.entries(texts).map(([name, text]) => [name, keysOf(text)[0]!]));
}

/** Every document of every `examples/*.yaml` (empty when the folder holds none yet). */
export function repositoryExamples(): Map<string, AwsKmsKey> {
  const dir = join(__dirname, "..", "..", "examples");
  const out = new Map<string, AwsKmsKey>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    keysOf(readFileSync(join(dir, file), "utf8")).forEach((key, i) => out.set(`${file}#${i}`, key));
  }
  return out;
}

/** Parses YAML documents into defaulted AwsKmsKey messages (a stand-in for the manifest loader). */
export function keysOf(text: string): AwsKmsKey[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as JsonValue)
    .filter((json) => json !== null)
    .map((json) => applyDefaults(fromJson(AwsKmsKeySchema, json), { region: DEFAULT_REGION }));
}
