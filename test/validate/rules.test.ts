import { problemsOf, manifestYaml, specProblems } from "./manifest-problems";

// Every rule of the contract, each with a manifest that passes and one that fails, through the
// whole pipeline (YAML → schema check → defaults → protovalidate and cross-field rules).

describe("apiVersion, kind and metadata.name", () => {
  it("accepts the exact apiVersion and kind", () => {
    expect(specProblems("")).toEqual([]);
  });

  it("rejects another apiVersion and kind, saying what is expected", () => {
    const yaml = manifestYaml("").replace("aws.project-planton.org/v1", "aws.project-planton.org/v2").replace("kind: AwsKmsKey", "kind: KmsKey");
    expect(problemsOf(yaml)).toEqual([
      'apiVersion: must be aws.project-planton.org/v1 (got "aws.project-planton.org/v2")',
      'kind: must be AwsKmsKey (got "KmsKey")',
    ]);
  });

  it("requires apiVersion, kind, metadata and spec", () => {
    expect(problemsOf("description: nothing else\n")).toEqual([
      'description: unknown field "description" in a manifest; known fields: apiVersion, kind, metadata, spec, status',
      "apiVersion: is required: it must be aws.project-planton.org/v1",
      "kind: is required: it must be AwsKmsKey",
      "metadata: is required",
      "spec: is required",
    ]);
  });

  it("requires metadata.name", () => {
    const yaml = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  org: acme\nspec: {}\n";
    expect(problemsOf(yaml)).toEqual([
      "metadata.name: is required: 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit",
    ]);
  });

  it("accepts a well-formed name and rejects a malformed or long one", () => {
    expect(problemsOf(manifestYaml("", "a-1"))).toEqual([]);
    expect(problemsOf(manifestYaml("", "Bad_Name"))).toEqual([
      `metadata.name: must be 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit (got "Bad_Name")`,
    ]);
    expect(problemsOf(manifestYaml("", "a".repeat(64)))).toEqual(["metadata.name: must be at most 63 characters (got 64)"]);
  });
});

describe("keySpec x keyUsage", () => {
  const allowed: [string, string][] = [
    ["SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"],
    ["HMAC_256", "GENERATE_VERIFY_MAC"],
    ["RSA_2048", "ENCRYPT_DECRYPT"],
    ["RSA_4096", "SIGN_VERIFY"],
    ["ECC_NIST_P256", "SIGN_VERIFY"],
    ["ECC_NIST_P384", "KEY_AGREEMENT"],
    ["ECC_SECG_P256K1", "SIGN_VERIFY"],
    ["ECC_NIST_EDWARDS25519", "SIGN_VERIFY"],
    ["ML_DSA_65", "SIGN_VERIFY"],
    ["SM2", "ENCRYPT_DECRYPT"],
    ["SM2", "KEY_AGREEMENT"],
  ];
  it.each(allowed)("accepts %s with %s", (keySpec, keyUsage) => {
    expect(specProblems(`keySpec: ${keySpec}\nkeyUsage: ${keyUsage}`)).toEqual([]);
  });

  const refused: [string, string, string][] = [
    ["SYMMETRIC_DEFAULT", "SIGN_VERIFY", "use ENCRYPT_DECRYPT"],
    ["HMAC_512", "ENCRYPT_DECRYPT", "use GENERATE_VERIFY_MAC"],
    ["RSA_3072", "KEY_AGREEMENT", "use ENCRYPT_DECRYPT or SIGN_VERIFY"],
    ["ECC_NIST_P521", "ENCRYPT_DECRYPT", "use SIGN_VERIFY or KEY_AGREEMENT"],
    ["ECC_SECG_P256K1", "KEY_AGREEMENT", "use SIGN_VERIFY"],
    ["ML_DSA_44", "ENCRYPT_DECRYPT", "use SIGN_VERIFY"],
    ["SM2", "GENERATE_VERIFY_MAC", "use SIGN_VERIFY, ENCRYPT_DECRYPT or KEY_AGREEMENT"],
  ];
  it.each(refused)("refuses %s with %s", (keySpec, keyUsage, advice) => {
    expect(specProblems(`keySpec: ${keySpec}\nkeyUsage: ${keyUsage}`)).toEqual([
      `spec.keyUsage: ${keyUsage} is not allowed for ${keySpec} keys; ${advice}`,
    ]);
  });

  it("judges an explicit usage against the default keySpec", () => {
    expect(specProblems("keyUsage: SIGN_VERIFY")).toEqual([
      "spec.keyUsage: SIGN_VERIFY is not allowed for SYMMETRIC_DEFAULT keys; use ENCRYPT_DECRYPT",
    ]);
  });
});

describe("rotation", () => {
  it("allows rotation on SYMMETRIC_DEFAULT and off on other specs", () => {
    expect(specProblems("enableRotation: true")).toEqual([]);
    expect(specProblems("keySpec: RSA_2048\nenableRotation: false")).toEqual([]);
  });

  it("refuses enableRotation: true on any other spec", () => {
    expect(specProblems("keySpec: HMAC_256\nenableRotation: true")).toEqual([
      "spec.enableRotation: must be false for HMAC_256 keys: AWS rotates only SYMMETRIC_DEFAULT keys",
    ]);
  });

  it("keeps rotationPeriodDays within 90-2560", () => {
    expect(specProblems("rotationPeriodDays: 90")).toEqual([]);
    expect(specProblems("rotationPeriodDays: 2560")).toEqual([]);
    expect(specProblems("rotationPeriodDays: 89")).toEqual(["spec.rotationPeriodDays: must be between 90 and 2560 (got 89)"]);
    expect(specProblems("rotationPeriodDays: 2561")).toEqual(["spec.rotationPeriodDays: must be between 90 and 2560 (got 2561)"]);
  });

  it("refuses rotationPeriodDays with rotation off, explicit or by key spec", () => {
    expect(specProblems("enableRotation: false\nrotationPeriodDays: 180")).toEqual([
      "spec.rotationPeriodDays: applies only when enableRotation is true; remove it or turn rotation on",
    ]);
    expect(specProblems("keySpec: RSA_2048\nrotationPeriodDays: 180")).toEqual([
      "spec.rotationPeriodDays: applies only when enableRotation is true; remove it (RSA_2048 keys cannot rotate)",
    ]);
    expect(specProblems("keySpec: HMAC_256\nenableRotation: false\nrotationPeriodDays: 180")).toEqual([
      "spec.rotationPeriodDays: applies only when enableRotation is true; remove it (HMAC_256 keys cannot rotate)",
    ]);
  });
});

describe("deletionWindowDays", () => {
  it("accepts 7 to 30", () => {
    expect(specProblems("deletionWindowDays: 7")).toEqual([]);
    expect(specProblems("deletionWindowDays: 30")).toEqual([]);
  });

  it("refuses values outside 7-30", () => {
    expect(specProblems("deletionWindowDays: 3")).toEqual(["spec.deletionWindowDays: must be between 7 and 30 (got 3)"]);
    expect(specProblems("deletionWindowDays: 31")).toEqual(["spec.deletionWindowDays: must be between 7 and 30 (got 31)"]);
  });
});

describe("alias", () => {
  it("accepts alias/ names of letters, digits, / _ -", () => {
    expect(specProblems('alias: "alias/prod/rds_primary-1"')).toEqual([]);
  });

  it("refuses a missing prefix, other characters, alias/aws/ and more than 256 characters", () => {
    const allowed = "spec.alias: must be alias/ followed by letters, digits, '/', '_' and '-', e.g. alias/prod/rds";
    expect(specProblems("alias: prod/rds")).toEqual([`${allowed} (got "prod/rds")`]);
    expect(specProblems("alias: alias/prod rds")).toEqual([`${allowed} (got "alias/prod rds")`]);
    expect(specProblems("alias: alias/aws/rds")).toEqual(["spec.alias: must not start with alias/aws/ (reserved for AWS managed keys)"]);
    expect(specProblems(`alias: alias/${"a".repeat(251)}`)).toEqual(["spec.alias: must be at most 256 characters (got 257)"]);
  });
});

describe("regions and replicas", () => {
  it("accepts valid regions and distinct replicas of a multi-Region key", () => {
    expect(specProblems("region: us-east-1\nmultiRegion: true\nreplicaRegions: [eu-west-1, ap-southeast-2]")).toEqual([]);
  });

  it("refuses an invalid region name", () => {
    expect(specProblems("region: us-east")).toEqual(['spec.region: must be an AWS region name such as us-east-1 (got "us-east")']);
    expect(specProblems("multiRegion: true\nreplicaRegions: [Europe]")).toEqual([
      'spec.replicaRegions[0]: must be an AWS region name such as us-east-1 (got "Europe")',
    ]);
  });

  it("refuses replicas without multiRegion", () => {
    expect(specProblems("replicaRegions: [eu-west-1]")).toEqual([
      "spec.replicaRegions: needs multiRegion: true (only multi-Region keys have replicas)",
    ]);
  });

  it("refuses repeated replicas", () => {
    expect(specProblems("multiRegion: true\nreplicaRegions: [eu-west-1, ap-south-1, eu-west-1]")).toEqual([
      'spec.replicaRegions[2]: must not repeat "eu-west-1"',
    ]);
  });

  it("refuses the primary region as a replica, from the manifest or from --region", () => {
    const message = "spec.replicaRegions[1]: must not be the primary region us-east-1: the key is already there";
    expect(specProblems("region: us-east-1\nmultiRegion: true\nreplicaRegions: [eu-west-1, us-east-1]")).toEqual([message]);
    expect(specProblems("multiRegion: true\nreplicaRegions: [eu-west-1, us-east-1]", { region: "us-east-1" })).toEqual([message]);
  });
});

describe("tags", () => {
  it("accepts up to 50 tags with an empty value allowed", () => {
    const tags = Array.from({ length: 49 }, (_, i) => `  t${i}: "v"`).join("\n");
    expect(specProblems(`tags:\n${tags}\n  empty: ""`)).toEqual([]);
  });

  it("refuses more than 50 tags", () => {
    const tags = Array.from({ length: 51 }, (_, i) => `  t${i}: "v"`).join("\n");
    expect(specProblems(`tags:\n${tags}`)).toEqual(["spec.tags: must have at most 50 entries (got 51)"]);
  });

  it("refuses aws: keys, empty or long keys and long values", () => {
    expect(specProblems('tags: {"aws:team": x}')).toEqual(['spec.tags.aws:team: tag keys must not start with aws: (reserved by AWS) (got "aws:team")']);
    expect(specProblems('tags: {"": x}')).toEqual(['spec.tags: tag keys must be 1-128 characters (got "")']);
    expect(specProblems(`tags: {${"k".repeat(129)}: x}`)).toEqual([`spec.tags.${"k".repeat(129)}: tag keys must be 1-128 characters (got 129)`]);
    expect(specProblems(`tags: {k: ${"v".repeat(257)}}`)).toEqual(["spec.tags.k: must be at most 256 characters (got 257)"]);
  });
});

describe("policy principals", () => {
  it("accepts role, user and root ARNs", () => {
    expect(specProblems('policy:\n  adminRole: "arn:aws:iam::123456789012:role/Admin"\n  usageRoles: ["arn:aws:iam::123456789012:user/app"]\n  adminRoles: ["arn:aws:iam::123456789012:root"]')).toEqual([]);
  });

  it("refuses a wildcard and a malformed ARN", () => {
    expect(specProblems('policy:\n  adminRole: "*"\n  usageRoles: ["arn:aws:iam::123:role/x"]')).toEqual([
      "spec.policy.adminRole: must not be a wildcard principal: it lets every AWS account use the key; name IAM roles, users or account roots",
      'spec.policy.usageRoles[0]: must be an IAM ARN: arn:aws:iam::<12-digit account>:role/NAME, :user/NAME or :root (got "arn:aws:iam::123:role/x")',
    ]);
  });
});

describe("policy statements", () => {
  const statement = (lines: string) => specProblems(`policy:\n  adminRole: "arn:aws:iam::123456789012:role/Admin"\n  extraStatements:\n    - sid: Audit\n      principals: ["arn:aws:iam::123456789012:role/Audit"]\n${lines}`);

  it("explains refused actions at any index, in words rather than the regex", () => {
    const advice = "must be one KMS action: `kms:*` and `*` are refused; name the actions (kms:Decrypt, kms:GenerateDataKey, ...)";
    expect(statement('      actions: [kms:Decrypt, "kms:*", "*"]')).toEqual([
      `spec.policy.extraStatements[0].actions[1]: ${advice} (got "kms:*")`,
      `spec.policy.extraStatements[0].actions[2]: ${advice} (got "*")`,
    ]);
  });

  it("explains a malformed account id in any list item", () => {
    expect(specProblems('policy:\n  adminRole: "arn:aws:iam::123456789012:role/Admin"\n  crossAccountIds: ["123456789012", "123"]')).toEqual([
      'spec.policy.crossAccountIds[1]: must be a 12-digit AWS account id (got "123")',
    ]);
  });
});

it("reports every problem of a manifest together", () => {
  // In source order, whichever check found them.
  expect(specProblems("deletionWindowDays: 3\nkeySpec: RSA_2048\nenableRotation: true\nalias: alias/aws/x")).toEqual([
    "spec.deletionWindowDays: must be between 7 and 30 (got 3)",
    "spec.enableRotation: must be false for RSA_2048 keys: AWS rotates only SYMMETRIC_DEFAULT keys",
    "spec.alias: must not start with alias/aws/ (reserved for AWS managed keys)",
  ]);
});

it("reports a malformed name once, not again through the default alias", () => {
  const yaml = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: My.Key\nspec: {}\n";
  expect(problemsOf(yaml)).toEqual([
    `metadata.name: must be 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit (got "My.Key")`,
  ]);
});
