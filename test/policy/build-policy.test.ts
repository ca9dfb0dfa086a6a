import { isPlantonError } from "../../src/core/planton-error";
import { buildPolicy } from "../../src/policy/build-policy";
import { ACCOUNT, ADMIN, keyWith, keyWithPolicy, sids, statement, TARGET, USER } from "./keys";

const OTHER_ACCOUNT = "444455556666";
const OTHER_ROLE = `arn:aws:iam::${OTHER_ACCOUNT}:role/Reader`;

describe("buildPolicy without a policy block", () => {
  it("is the AWS default key policy: the account root may do anything IAM allows", () => {
    expect(buildPolicy(keyWith({ region: "us-east-1" }), TARGET)).toEqual({
      Version: "2012-10-17",
      Id: "key-default-1",
      Statement: [
        { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
      ],
    });
  });
});

describe("the administration statement", () => {
  const admins = ["arn:aws:iam::111122223333:role/Zed", ADMIN];
  const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, adminRoles: ["arn:aws:iam::111122223333:role/Zed"] }), TARGET);
  const admin = statement(doc, "KeyAdministration");

  it("names adminRole and adminRoles, sorted", () => {
    expect(admin.Principal).toEqual({ AWS: [...admins].sort() });
  });

  it("grants the explicit management actions and nothing cryptographic", () => {
    expect(admin.Action).toEqual([
      "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey",
      "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListKeyRotations",
      "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:RevokeGrant", "kms:RotateKeyOnDemand",
      "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription",
    ]);
    for (const crypto of ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Sign", "kms:CreateGrant", "kms:*"]) {
      expect(admin.Action).not.toContain(crypto);
    }
    expect(admin.Resource).toBe("*");
    expect(admin.Condition).toBeUndefined();
  });

  it("adds replication and primary-region moves for multi-Region keys only", () => {
    const multi = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN }, { multiRegion: true }), TARGET), "KeyAdministration");
    expect(multi.Action).toEqual(expect.arrayContaining(["kms:ReplicateKey", "kms:UpdatePrimaryRegion"]));
    expect(admin.Action).not.toContain("kms:ReplicateKey");
  });
});

describe("the usage statement for each key type", () => {
  const cases: [string, Record<string, string>, string[]][] = [
    ["symmetric", { keySpec: "SYMMETRIC_DEFAULT" }, ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"]],
    ["RSA encryption", { keySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT" }, ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GetPublicKey"]],
    ["SM2 encryption", { keySpec: "SM2", keyUsage: "ENCRYPT_DECRYPT" }, ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GetPublicKey"]],
    ["RSA signing", { keySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" }, ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:Verify"]],
    ["ECC signing (default usage)", { keySpec: "ECC_NIST_P256" }, ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:Verify"]],
    ["ML-DSA signing", { keySpec: "ML_DSA_65" }, ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:Verify"]],
    ["HMAC", { keySpec: "HMAC_256" }, ["kms:DescribeKey", "kms:GenerateMac", "kms:VerifyMac"]],
    ["key agreement", { keySpec: "ECC_NIST_P384", keyUsage: "KEY_AGREEMENT" }, ["kms:DeriveSharedSecret", "kms:DescribeKey", "kms:GetPublicKey"]],
    // KMS API reference, Encapsulate and Decapsulate: "Required permissions: kms:Encapsulate (key
    // policy)", "kms:Decapsulate (key policy)"; the public key comes from GetPublicKey.
    ["ML-KEM encapsulation", { keySpec: "ML_KEM_768" }, ["kms:Decapsulate", "kms:DescribeKey", "kms:Encapsulate", "kms:GetPublicKey"]],
  ];

  it.each(cases)("%s keys give usageRoles exactly their actions", (_, spec, actions) => {
    const usage = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN, usageRoles: [USER] }, spec), TARGET), "KeyUsage");
    expect(usage).toEqual({ Sid: "KeyUsage", Effect: "Allow", Principal: { AWS: [USER] }, Action: actions, Resource: "*" });
  });

  it.each(cases)("%s keys give crossAccountIds the same actions, to the accounts' roots", (_, spec, actions) => {
    const cross = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN, crossAccountIds: [OTHER_ACCOUNT] }, spec), TARGET), "CrossAccountUsage");
    expect(cross).toEqual({ Sid: "CrossAccountUsage", Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${OTHER_ACCOUNT}:root`] }, Action: actions, Resource: "*" });
  });
});

describe("encryptionContext", () => {
  const doc = buildPolicy(
    keyWithPolicy({ adminRole: ADMIN, usageRoles: [USER], encryptionContext: { Environment: "Production", App: "CustomerDatabase" } }),
    TARGET,
  );

  it("becomes StringEquals conditions on kms:EncryptionContext:<key> for the cryptographic actions", () => {
    expect(statement(doc, "KeyUsage")).toEqual({
      Sid: "KeyUsage",
      Effect: "Allow",
      Principal: { AWS: [USER] },
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:App": "CustomerDatabase", "kms:EncryptionContext:Environment": "Production" } },
    });
  });

  it("leaves DescribeKey, which carries no context, in a statement of its own", () => {
    expect(statement(doc, "KeyUsageDescribe")).toEqual({ Sid: "KeyUsageDescribe", Effect: "Allow", Principal: { AWS: [USER] }, Action: ["kms:DescribeKey"], Resource: "*" });
  });
});

describe("services", () => {
  const via: [string, string, boolean][] = [
    ["s3", "s3.us-east-1.amazonaws.com", false],
    ["rds", "rds.us-east-1.amazonaws.com", true],
    ["ebs", "ec2.us-east-1.amazonaws.com", true],
    ["lambda", "lambda.us-east-1.amazonaws.com", true],
    ["secretsmanager", "secretsmanager.us-east-1.amazonaws.com", false],
  ];
  const sidOf: Record<string, string> = { s3: "ViaS3", rds: "ViaRds", ebs: "ViaEbs", lambda: "ViaLambda", secretsmanager: "ViaSecretsManager" };

  it.each(via)("%s is reached through kms:ViaService %s by the account's principals by default", (service, endpoint, grants) => {
    const s = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service }] }), TARGET), sidOf[service]);
    expect(s.Principal).toEqual({ AWS: [`arn:aws:iam::${ACCOUNT}:root`] });
    expect(s.Condition).toEqual({ StringEquals: { "kms:CallerAccount": [ACCOUNT], "kms:ViaService": endpoint } });
    const base = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"];
    expect(s.Action).toEqual((grants ? [...base, "kms:CreateGrant"] : base).sort());
  });

  it("narrows a via-service statement to the listed principals and their accounts", () => {
    const s = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service: "s3", principals: [USER, OTHER_ROLE] }] }), TARGET), "ViaS3");
    expect(s.Principal).toEqual({ AWS: [USER, OTHER_ROLE] });
    expect(s.Condition).toEqual({ StringEquals: { "kms:CallerAccount": [ACCOUNT, OTHER_ACCOUNT], "kms:ViaService": "s3.us-east-1.amazonaws.com" } });
  });

  it("uses sourceAccount as the caller account when given", () => {
    const s = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service: "rds", sourceAccount: OTHER_ACCOUNT }] }), TARGET), "ViaRds");
    expect(s.Condition).toEqual({ StringEquals: { "kms:CallerAccount": [OTHER_ACCOUNT], "kms:ViaService": "rds.us-east-1.amazonaws.com" } });
  });

  it("lets CloudWatch Logs' regional principal use the key for the account's log groups", () => {
    const s = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service: "logs" }] }), TARGET), "CloudWatchLogs");
    expect(s).toEqual({
      Sid: "CloudWatchLogs",
      Effect: "Allow",
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` } },
    });
  });

  it("narrows CloudWatch Logs to sourceArn's log groups and sourceAccount when given", () => {
    const arn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/*`;
    const s = statement(buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service: "logs", sourceArn: arn, sourceAccount: ACCOUNT }] }), TARGET), "CloudWatchLogs");
    expect(s.Condition).toEqual({
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": arn },
      StringEquals: { "aws:SourceAccount": ACCOUNT },
    });
  });

  it("writes China-partition service principals and endpoints with their own DNS suffix", () => {
    const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service: "logs" }, { service: "s3" }] }), { accountId: ACCOUNT, partition: "aws-cn", region: "cn-north-1" });
    expect(statement(doc, "CloudWatchLogs").Principal).toEqual({ Service: "logs.cn-north-1.amazonaws.com.cn" });
    expect(statement(doc, "ViaS3").Condition?.StringEquals?.["kms:ViaService"]).toBe("s3.cn-north-1.amazonaws.com.cn");
    expect(statement(doc, "ViaS3").Principal).toEqual({ AWS: [`arn:aws-cn:iam::${ACCOUNT}:root`] });
  });

  it("lets CloudTrail encrypt for the account's trails and describe the key, with confused-deputy conditions", () => {
    const trail = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`;
    const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service: "cloudtrail", sourceArn: trail }] }), TARGET);
    expect(statement(doc, "CloudTrailEncrypt")).toEqual({
      Sid: "CloudTrailEncrypt",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": trail },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
      },
    });
    expect(statement(doc, "CloudTrailDescribe").Action).toBe("kms:DescribeKey");
    expect(statement(doc, "CloudTrailDescribe").Condition).toEqual({ StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": trail } });
  });

  it("orders service statements by service, whatever order they are listed in", () => {
    const listed = [{ service: "cloudtrail" }, { service: "logs" }, { service: "ebs" }, { service: "s3" }];
    const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: listed }), TARGET);
    expect(sids(doc)).toEqual(["KeyAdministration", "ViaS3", "ViaEbs", "CloudWatchLogs", "CloudTrailEncrypt", "CloudTrailDescribe"]);
  });

  it("uses the replica's region in a replica's policy", () => {
    const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, services: [{ service: "logs" }, { service: "rds" }] }), { ...TARGET, region: "eu-west-1" });
    expect(statement(doc, "CloudWatchLogs").Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(statement(doc, "ViaRds").Condition?.StringEquals?.["kms:ViaService"]).toBe("rds.eu-west-1.amazonaws.com");
  });
});

describe("grantRoles", () => {
  it("may create, list and revoke grants for AWS resources only", () => {
    const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, grantRoles: [USER] }), TARGET);
    expect(statement(doc, "AwsResourceGrants")).toEqual({
      Sid: "AwsResourceGrants",
      Effect: "Allow",
      Principal: { AWS: [USER] },
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    });
  });
});

describe("extraStatements", () => {
  const extra = {
    sid: "DenyOutsideOrg",
    effect: "Deny",
    principals: [USER],
    servicePrincipals: ["sns.amazonaws.com"],
    actions: ["kms:Decrypt", "kms:Encrypt"],
    conditions: [
      { operator: "StringNotEquals", key: "aws:PrincipalOrgID", values: ["o-abc"] },
      { operator: "StringNotEquals", key: "aws:SourceVpc", values: ["vpc-2", "vpc-1"] },
      { operator: "Bool", key: "aws:SecureTransport", values: ["false"] },
    ],
  };

  it("are appended after the generated statements, conditions grouped by operator", () => {
    const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, usageRoles: [USER], extraStatements: [extra, { sid: "Second", principals: [ADMIN], actions: ["kms:Sign"] }] }), TARGET);
    expect(sids(doc)).toEqual(["KeyAdministration", "KeyUsage", "DenyOutsideOrg", "Second"]);
    expect(statement(doc, "DenyOutsideOrg")).toEqual({
      Sid: "DenyOutsideOrg",
      Effect: "Deny",
      Principal: { AWS: [USER], Service: ["sns.amazonaws.com"] },
      Action: ["kms:Decrypt", "kms:Encrypt"],
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:PrincipalOrgID": ["o-abc"], "aws:SourceVpc": ["vpc-1", "vpc-2"] },
        Bool: { "aws:SecureTransport": ["false"] },
      },
    });
  });

  it("default to Allow and carry no Condition when none is given", () => {
    const doc = buildPolicy(keyWithPolicy({ adminRole: ADMIN, extraStatements: [{ sid: "Second", principals: [ADMIN], actions: ["kms:Sign"] }] }), TARGET);
    expect(statement(doc, "Second")).toEqual({ Sid: "Second", Effect: "Allow", Principal: { AWS: [ADMIN] }, Action: ["kms:Sign"], Resource: "*" });
  });
});

describe("policyJson", () => {
  it("is used as given, in canonical form", () => {
    const raw = `{"Statement":{"Resource":"*","Action":["kms:Decrypt","kms:Decrypt"],"Principal":{"AWS":["${ADMIN}"]},"Effect":"Allow"},"Version":"2012-10-17"}`;
    expect(buildPolicy(keyWithPolicy({ policyJson: raw }), TARGET)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: ADMIN }, Action: "kms:Decrypt", Resource: "*" }],
    });
  });

  it("that is not JSON cannot be built (checkPolicy reports it first)", () => {
    let thrown: unknown;
    try {
      buildPolicy(keyWithPolicy({ policyJson: "{nope" }), TARGET);
    } catch (err) {
      thrown = err;
    }
    expect(isPlantonError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(/^cannot build the key policy of test-key: spec\.policy\.policyJson is not valid JSON/);
  });
});
