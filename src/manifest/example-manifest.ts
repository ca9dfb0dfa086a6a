import { NAME_RULE } from "./resource-name";

/**
 * The commented example `planton init` prints: a production symmetric key with a least-privilege
 * policy. Every field shows its default or its limits, so the file is also a quick reference.
 */
export function exampleManifest(name: string): string {
  return `# An AWS KMS key as code. Check it with: planton validate -f ${name}.yaml
# Field reference: planton schema (JSON Schema), or the comments in proto/.
apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata:
  # ${NAME_RULE}; names the stack and the default alias.
  name: ${name}
  # org: acme                  # optional; first part of the stack name
  # env: prod                  # optional; second part of the stack name
spec:
  # region: us-east-1          # default: --region, AWS_REGION, AWS_DEFAULT_REGION
  # alias: alias/${name}   # default: alias/<metadata.name>
  description: "Encryption key for ${name}"
  # SYMMETRIC_DEFAULT (default), RSA_2048/3072/4096, ECC_NIST_P256/P384/P521, ECC_SECG_P256K1,
  # ECC_NIST_EDWARDS25519, HMAC_224/256/384/512, ML_DSA_44/65/87, ML_KEM_512/768/1024,
  # SM2 (China Regions only). Changing it replaces the key.
  keySpec: SYMMETRIC_DEFAULT
  # Default: derived from keySpec (ENCRYPT_DECRYPT here).
  keyUsage: ENCRYPT_DECRYPT
  # Automatic rotation; SYMMETRIC_DEFAULT keys only (default true for them, false otherwise).
  enableRotation: true
  rotationPeriodDays: 365      # 90-2560, default 365
  deletionWindowDays: 30       # 7-30, default 30: the time you have to cancel a deletion
  # multiRegion: true          # needed for replicaRegions
  # replicaRegions: [eu-west-1]
  tags:
    CostCenter: "1234"         # at most 50 tags; keys must not start with aws:
  # Who may manage and who may use the key (IAM role, user or :root ARNs; no wildcards).
  # Without a policy the key gets the AWS default policy (the account root, through IAM).
  # policy:
  #   adminRole: "arn:aws:iam::123456789012:role/SecurityAdmin"
  #   usageRoles:
  #     - "arn:aws:iam::123456789012:role/AppRole"
  #   encryptionContext:
  #     App: "${name}"
`;
}
