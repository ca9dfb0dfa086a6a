import { createRegistry, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { createValidator } from "@bufbuild/protovalidate";
import Ajv from "ajv";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { AwsKmsKeyPolicySpecSchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { file_project_planton_provider_aws_awskmskey_v1_rules } from "../../gen/project/planton/provider/aws/awskmskey/v1/rules_pb";
import { AwsKmsKeySpecSchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/spec_pb";
import { exampleManifest } from "../../src/manifest/example-manifest";
import { RULES_BEYOND_SCHEMA } from "../../src/schema/rules-beyond-schema";

// The schema must accept what planton accepts and reject what the proto rules reject; the rules
// it cannot say are listed once (RULES_BEYOND_SCHEMA) and proven to be beyond it here.

const root = join(__dirname, "..", "..");
const schema = JSON.parse(readFileSync(join(root, "schema", "awskmskey.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addVocabulary(["enumDescriptions"]);
const schemaAccepts = ajv.compile(schema);
const validator = createValidator({ registry: createRegistry(file_project_planton_provider_aws_awskmskey_v1_rules) });

type Manifest = Record<string, any>;

/** True when the proto layer (proto JSON parsing, then protovalidate) takes the document. */
function protoAccepts(doc: unknown): boolean {
  try {
    return validator.validate(AwsKmsKeySchema, fromJson(AwsKmsKeySchema, doc as JsonValue)).kind === "valid";
  } catch {
    return false;
  }
}

const ARN = "arn:aws:iam::123456789012:role/";

function contractExample(): Manifest {
  return {
    apiVersion: "aws.project-planton.org/v1",
    kind: "AwsKmsKey",
    metadata: { name: "prod-rds-primary", org: "acme", env: "prod", labels: { team: "payments" } },
    spec: {
      region: "us-east-1",
      alias: "alias/prod/rds-primary",
      description: "Production RDS cluster encryption key",
      keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enableRotation: true,
      rotationPeriodDays: 365,
      deletionWindowDays: 30,
      multiRegion: false,
      replicaRegions: [],
      tags: { CostCenter: "1234" },
      policy: {
        adminRole: `${ARN}SecurityAdmin`,
        usageRoles: [`${ARN}RDSServiceRole`],
        encryptionContext: { App: "CustomerDatabase", Environment: "Production" },
      },
    },
  };
}

function fullExample(): Manifest {
  const m = contractExample();
  m.spec.multiRegion = true;
  m.spec.replicaRegions = ["eu-west-1"];
  m.spec.deletionProtection = true;
  m.spec.policy.adminRoles = ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:root"];
  m.spec.policy.services = [{ service: "s3", principals: [`${ARN}App`], sourceAccount: "123456789012" }, { service: "logs" }];
  m.spec.policy.grantRoles = [`${ARN}Ebs`];
  m.spec.policy.crossAccountIds = ["210987654321"];
  m.spec.policy.extraStatements = [
    {
      sid: "AllowSns",
      effect: "Allow",
      servicePrincipals: ["sns.amazonaws.com"],
      actions: ["kms:Decrypt", "kms:GenerateDataKey"],
      conditions: [{ operator: "StringEquals", key: "aws:SourceAccount", values: ["123456789012"] }],
    },
  ];
  return m;
}

function modified(change: (m: Manifest) => void, base: () => Manifest = contractExample): Manifest {
  const m = base();
  change(m);
  return m;
}

function exampleDocuments(): [string, unknown][] {
  const dir = join(root, "examples");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), "utf8")).map((d, i): [string, unknown] => [`${f}#${i + 1}`, d.toJS()]));
}

describe("manifests the schema accepts", () => {
  const valid: [string, unknown][] = [
    ["the contract's example", contractExample()],
    ["every field in use", fullExample()],
    ["planton init's example", parseAllDocuments(exampleManifest("my-key"))[0]?.toJS()],
    ["an all-defaults key", { apiVersion: "aws.project-planton.org/v1", kind: "AwsKmsKey", metadata: { name: "k" }, spec: {} }],
    ...exampleDocuments(),
  ];
  it.each(valid)("%s", (_name, doc) => {
    expect(protoAccepts(doc)).toBe(true);
    const ok = schemaAccepts(doc);
    expect(ok ? [] : schemaAccepts.errors).toEqual([]);
  });
});

describe("rule violations the schema rejects, as the proto rules do", () => {
  const cases: [string, Manifest][] = [
    ["a wrong apiVersion", modified((m) => (m.apiVersion = "v1"))],
    ["a wrong kind", modified((m) => (m.kind = "Key"))],
    ["no metadata", modified((m) => delete m.metadata)],
    ["no spec", modified((m) => delete m.spec)],
    ["no metadata.name", modified((m) => delete m.metadata.name)],
    ["an upper-case metadata.name", modified((m) => (m.metadata.name = "Prod"))],
    ["a 64-character metadata.name", modified((m) => (m.metadata.name = "a".repeat(64)))],
    ["an unknown top-level field", modified((m) => (m.extra = 1))],
    ["an unknown spec field", modified((m) => (m.spec.deletionWindow = 7))],
    ["an unknown policy field", modified((m) => (m.spec.policy.admin = `${ARN}A`))],
    ["a string where a number belongs", modified((m) => (m.spec.deletionWindowDays = "thirty"))],
    ["deletionWindowDays 6", modified((m) => (m.spec.deletionWindowDays = 6))],
    ["deletionWindowDays 31", modified((m) => (m.spec.deletionWindowDays = 31))],
    ["rotationPeriodDays 89", modified((m) => (m.spec.rotationPeriodDays = 89))],
    ["rotationPeriodDays 2561", modified((m) => (m.spec.rotationPeriodDays = 2561))],
    ["an unknown keySpec", modified((m) => (m.spec.keySpec = "AES_256"))],
    ["an unknown keyUsage", modified((m) => (m.spec.keyUsage = "ENCRYPT"))],
    ["an alias without alias/", modified((m) => (m.spec.alias = "prod/rds"))],
    ["an alias under alias/aws/", modified((m) => (m.spec.alias = "alias/aws/rds"))],
    ["an alias with a space", modified((m) => (m.spec.alias = "alias/prod rds"))],
    ["an alias over 256 characters", modified((m) => (m.spec.alias = `alias/${"a".repeat(251)}`))],
    ["a malformed region", modified((m) => (m.spec.region = "US-EAST-1"))],
    ["a malformed replica region", modified((m) => ((m.spec.multiRegion = true), (m.spec.replicaRegions = ["mars"])))],
    ["a repeated replica region", modified((m) => ((m.spec.multiRegion = true), (m.spec.replicaRegions = ["eu-west-1", "eu-west-1"])))],
    ["51 tags", modified((m) => (m.spec.tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "v"]))))],
    ["a tag key starting with aws:", modified((m) => (m.spec.tags = { "aws:team": "x" }))],
    ["a tag key starting with AWS:", modified((m) => (m.spec.tags = { "AWS:team": "x" }))],
    ["an empty tag key", modified((m) => (m.spec.tags = { "": "x" }))],
    ["a 129-character tag key", modified((m) => (m.spec.tags = { ["k".repeat(129)]: "x" }))],
    ["a 257-character tag value", modified((m) => (m.spec.tags = { k: "v".repeat(257) }))],
    ["a wildcard principal", modified((m) => (m.spec.policy.adminRole = "*"))],
    ["a wildcard account root", modified((m) => (m.spec.policy.usageRoles = ["arn:aws:iam::*:*"]))],
    ["an IAM group principal", modified((m) => (m.spec.policy.usageRoles = ["arn:aws:iam::123456789012:group/devs"]))],
    ["a principal that is no ARN", modified((m) => (m.spec.policy.adminRole = "SecurityAdmin"))],
    ["a repeated usage role", modified((m) => (m.spec.policy.usageRoles = [`${ARN}A`, `${ARN}A`]))],
    ["51 usage roles", modified((m) => (m.spec.policy.usageRoles = Array.from({ length: 51 }, (_, i) => `${ARN}R${i}`)))],
    ["11 encryption-context pairs", modified((m) => (m.spec.policy.encryptionContext = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]))))],
    ["an empty encryption-context value", modified((m) => (m.spec.policy.encryptionContext = { App: "" }))],
    ["an unknown service", modified((m) => (m.spec.policy.services = [{ service: "ec2" }]))],
    ["a service without its name", modified((m) => (m.spec.policy.services = [{ principals: [`${ARN}A`] }]))],
    ["a cross-account id of 11 digits", modified((m) => (m.spec.policy.crossAccountIds = ["12345678901"]))],
    ["a statement without sid", modified((m) => (m.spec.policy.extraStatements = [{ principals: [`${ARN}A`], actions: ["kms:Decrypt"] }]))],
    ["a statement with effect Permit", modified((m) => (m.spec.policy.extraStatements = [{ sid: "S", effect: "Permit", principals: [`${ARN}A`], actions: ["kms:Decrypt"] }]))],
    ["a statement with kms:*", modified((m) => (m.spec.policy.extraStatements = [{ sid: "S", principals: [`${ARN}A`], actions: ["kms:*"] }]))],
    ["a statement without actions", modified((m) => (m.spec.policy.extraStatements = [{ sid: "S", principals: [`${ARN}A`], actions: [] }]))],
    ["a condition without values", modified((m) => (m.spec.policy.extraStatements = [{ sid: "S", principals: [`${ARN}A`], actions: ["kms:Decrypt"], conditions: [{ operator: "StringEquals", key: "aws:SourceAccount", values: [] }] }]))],
    ["a role name of 65 characters", modified((m) => (m.spec.policy.adminRole = `${ARN}${"r".repeat(65)}`))],
    ["a principal in an unknown partition", modified((m) => (m.spec.policy.adminRole = "arn:aws-mars:iam::123456789012:root"))],
  ];
  it.each(cases)("%s", (_name, doc) => {
    expect(protoAccepts(doc)).toBe(false);
    expect(schemaAccepts(doc)).toBe(false);
  });
});

describe("rules beyond the schema (RULES_BEYOND_SCHEMA)", () => {
  const violations: Record<(typeof RULES_BEYOND_SCHEMA)[number]["id"], Manifest> = {
    "key-usage": modified((m) => ((m.spec.keySpec = "HMAC_256"), (m.spec.keyUsage = "ENCRYPT_DECRYPT"), (m.spec.enableRotation = false))),
    "rotation-symmetric-only": modified((m) => ((m.spec.keySpec = "RSA_2048"), (m.spec.enableRotation = true))),
    "rotation-period-needs-rotation": modified((m) => ((m.spec.enableRotation = false), (m.spec.rotationPeriodDays = 180))),
    "replicas-need-multi-region": modified((m) => ((m.spec.multiRegion = false), (m.spec.replicaRegions = ["eu-west-1"]))),
    "replica-not-primary": modified((m) => ((m.spec.multiRegion = true), (m.spec.replicaRegions = ["us-east-1"]))),
    "policy-json-exclusive": modified((m) => (m.spec.policy.policyJson = '{"Version":"2012-10-17","Statement":[]}')),
    "policy-json-document": modified((m) => (m.spec.policy = { policyJson: "not json" })),
    "policy-lockout": modified(
      (m) =>
        (m.spec.policy = {
          policyJson: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: `${ARN}A` }, Action: "kms:Decrypt", Resource: "*" }],
          }),
        }),
    ),
    "policy-size": modified((m) => (m.spec.policy.usageRoles = Array.from({ length: 50 }, (_, i) => `${ARN}${"team/".repeat(100)}r${i}`))),
    "region-typo": modified((m) => (m.spec.region = "us-eats-1")),
    "replica-partition": modified((m) => ((m.spec.multiRegion = true), (m.spec.replicaRegions = ["cn-north-1"]))),
    "sm2-china-only": modified((m) => ((m.spec.keySpec = "SM2"), (m.spec.keyUsage = "SIGN_VERIFY"), (m.spec.enableRotation = false), delete m.spec.rotationPeriodDays, delete m.spec.policy.encryptionContext)),
    "tag-count": modified((m) => (m.spec.tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`t${i}`, "v"])))),
    "principal-partition": modified((m) => (m.spec.policy.adminRole = "arn:aws-cn:iam::123456789012:role/SecurityAdmin")),
    "statement-principal": modified((m) => (m.spec.policy.extraStatements = [{ sid: "S", actions: ["kms:Decrypt"] }])),
    "statement-sid-unique": modified(
      (m) =>
        (m.spec.policy.extraStatements = [
          { sid: "S", principals: [`${ARN}A`], actions: ["kms:Decrypt"] },
          { sid: "S", principals: [`${ARN}B`], actions: ["kms:Encrypt"] },
        ]),
    ),
  };

  it("has a violating manifest for every listed rule", () => {
    expect(Object.keys(violations).sort()).toEqual(RULES_BEYOND_SCHEMA.map((r) => r.id).sort());
  });

  it.each(Object.entries(violations))("%s passes both the schema and the proto rules, so only planton validate catches it", (_id, doc) => {
    expect(schemaAccepts(doc)).toBe(true);
    expect(protoAccepts(doc)).toBe(true);
  });
});

describe("the schema's patterns for the predefined rules agree with their CEL", () => {
  const principals = [
    `${ARN}Admin`,
    "arn:aws:iam::123456789012:user/alice",
    "arn:aws:iam::123456789012:root",
    "arn:aws-cn:iam::123456789012:role/path/to/R",
    "arn:aws-us-gov:iam::123456789012:role/R+=,.@_-",
    "*",
    "arn:aws:iam::*:*",
    "arn:aws:iam::123456789012:*",
    "arn:aws:iam::123456789012:group/devs",
    "arn:aws:iam::12345678901:root",
    "arn:aws:sts::123456789012:assumed-role/R/s",
    "arn:aws:iam::123456789012:role/",
    "arn:aws-iso:iam::123456789012:root",
    "arn:aws-iso-b:iam::123456789012:role/R",
    "arn:aws-iso-e:iam::123456789012:user/u",
    "arn:aws-iso-f:iam::123456789012:role/p/R",
    "arn:aws-eusc:iam::123456789012:role/R",
    "arn:aws-iso-x:iam::123456789012:root",
    "arn:aws-mars:iam::123456789012:root",
    `${ARN}${"r".repeat(64)}`,
    `${ARN}${"r".repeat(65)}`,
    `arn:aws:iam::123456789012:user/${"u".repeat(64)}`,
    `arn:aws:iam::123456789012:user/${"u".repeat(65)}`,
    `${ARN}${"p".repeat(510)}/R`,
    `${ARN}${"p".repeat(511)}/R`,
    `${ARN}a/b/c/${"p".repeat(504)}/R`,
    `${ARN}!"#$%&'()+,-.:;<=>?@[]^\`{|}~/R`,
    `${ARN}a b/R`,
    `${ARN}a*b/R`,
    `${ARN}path/R:x`,
    `${ARN}a:root`,
    "arn:aws:iam::123456789012:user/root",
    `${ARN}//R`,
    `${ARN}p/`,
    "",
  ];
  it.each(principals)("principal %p", (principal) => {
    const proto = validator.validate(AwsKmsKeyPolicySpecSchema, fromJson(AwsKmsKeyPolicySpecSchema, { usageRoles: [principal] })).kind === "valid";
    const pattern = new RegExp(schema.properties.spec.properties.policy.properties.usageRoles.items.pattern, "u").test(principal);
    expect(pattern).toBe(proto);
  });

  const regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "us-isob-east-1", "cn-north-1", "eusc-de-east-1", "eu-isoe-west-1", "us-isof-south-1", "xy-mars-9", "", "US-EAST-1", "useast1", "us-east-123", "mars", "us--east-1", "-us-east-1"];
  it.each(regions)("region %p", (region) => {
    const proto = validator.validate(AwsKmsKeySpecSchema, fromJson(AwsKmsKeySpecSchema, { region })).kind === "valid";
    const pattern = new RegExp(schema.properties.spec.properties.region.pattern, "u").test(region);
    expect(pattern).toBe(proto);
  });
});
