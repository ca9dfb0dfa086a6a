import { allProblemsOf, problemsOf, manifestYaml, specProblems } from "./manifest-problems";

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
    // KMS API reference, CreateKey KeyUsage: ML-KEM key pairs take ENCAPSULATE_DECAPSULATE.
    ["ML_KEM_512", "ENCAPSULATE_DECAPSULATE"],
    ["ML_KEM_768", "ENCAPSULATE_DECAPSULATE"],
    ["ML_KEM_1024", "ENCAPSULATE_DECAPSULATE"],
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
    ["ML_KEM_1024", "ENCRYPT_DECRYPT", "use ENCAPSULATE_DECAPSULATE"],
    ["RSA_2048", "ENCAPSULATE_DECAPSULATE", "use ENCRYPT_DECRYPT or SIGN_VERIFY"],
    ["ECC_NIST_EDWARDS25519", "KEY_AGREEMENT", "use SIGN_VERIFY"],
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
    // KMS developer guide, rotating keys: automatic rotation is for symmetric encryption keys only.
    expect(specProblems("keySpec: ML_KEM_768\nenableRotation: true")).toEqual([
      "spec.enableRotation: must be false for ML_KEM_768 keys: AWS rotates only SYMMETRIC_DEFAULT keys",
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

describe("regions, as the AWS SDK's partition table knows them", () => {
  // The partition table of @aws-sdk/core (src/validate/aws-partitions.ts is generated from it).
  it.each(["us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"])(
    "accepts %s without a word",
    (region) => {
      expect(specProblems(`region: ${region}`)).toEqual([]);
    },
  );

  it("refuses a name one or two edits from a known region, saying which one was meant", () => {
    expect(specProblems("region: us-eats-1")).toEqual(['spec.region: is not an AWS region: did you mean "us-east-1"? (got "us-eats-1")']);
    expect(specProblems("region: eu-wst-1")).toEqual(['spec.region: is not an AWS region: did you mean "eu-west-1"? (got "eu-wst-1")']);
    expect(specProblems("multiRegion: true\nreplicaRegions: [eu-west-1, ap-sotheast-2]")).toEqual([
      'spec.replicaRegions[1]: is not an AWS region: did you mean "ap-southeast-2"? (got "ap-sotheast-2")',
    ]);
  });

  it("only warns about other well-formed names, as AWS opens new regions", () => {
    const unknown = (region: string) =>
      `warning: spec.region: "${region}" is not a region planton knows (it knows those in the AWS SDK's partition table); check the name, unless the region is newer than this planton`;
    // A new number in a known geography is how new regions are named: never a typo.
    expect(specProblems("region: us-east-3")).toEqual([unknown("us-east-3")]);
    expect(specProblems("region: ap-southeast-9")).toEqual([unknown("ap-southeast-9")]);
    expect(specProblems("region: xy-mars-1")).toEqual([unknown("xy-mars-1")]);
    // Three edits from ap-northeast-1 is more than a typo.
    expect(specProblems("region: ap-nurtheest-8")).toEqual([unknown("ap-nurtheest-8")]);
    expect(specProblems("region: ap-northeest-8")).toEqual(['spec.region: is not an AWS region: did you mean "ap-northeast-1"? (got "ap-northeest-8")']);
  });
});

describe("replica regions", () => {
  it("has no limit of 20 replicas, which AWS does not document", () => {
    const regions = ["us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ca-central-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1"];
    expect(regions).toHaveLength(21);
    expect(specProblems(`region: us-east-1\nmultiRegion: true\nreplicaRegions: [${regions.join(", ")}]`)).toEqual([]);
  });

  // KMS developer guide, multi-Region keys: a replica is in the same AWS partition as its primary.
  it("keeps replicas in the primary's partition", () => {
    expect(specProblems("region: cn-north-1\nmultiRegion: true\nreplicaRegions: [cn-northwest-1]")).toEqual([]);
    expect(specProblems("region: us-gov-west-1\nmultiRegion: true\nreplicaRegions: [us-gov-east-1, us-east-1]")).toEqual([
      "spec.replicaRegions[1]: us-east-1 is in the aws partition and the primary region us-gov-west-1 in aws-us-gov: replicas stay in their primary key's partition",
    ]);
    // A typo is reported as one, not also as a stranger to the partition.
    expect(specProblems("region: cn-north-1\nmultiRegion: true\nreplicaRegions: [us-eats-1]")).toEqual([
      'spec.replicaRegions[0]: is not an AWS region: did you mean "us-east-1"? (got "us-eats-1")',
    ]);
    expect(specProblems("region: us-east-1\nmultiRegion: true\nreplicaRegions: [eusc-de-east-1]")).toEqual([
      "spec.replicaRegions[0]: eusc-de-east-1 is in the aws-eusc partition and the primary region us-east-1 in aws: replicas stay in their primary key's partition",
    ]);
  });
});

describe("SM2 keys", () => {
  // KMS API reference, CreateKey KeySpec: "SM2 key pairs (China Regions only)".
  it("are accepted in the China Regions, replicas included", () => {
    expect(specProblems("keySpec: SM2\nregion: cn-north-1\nmultiRegion: true\nreplicaRegions: [cn-northwest-1]")).toEqual([]);
    expect(specProblems("keySpec: SM2")).toEqual([]);
  });

  it("are refused anywhere else, and so are their replicas", () => {
    expect(specProblems("keySpec: SM2\nregion: us-east-1")).toEqual([
      "spec.region: SM2 keys exist only in the China Regions (aws-cn); us-east-1 is in aws: choose a cn- region or another keySpec",
    ]);
    expect(specProblems("keySpec: SM2\nmultiRegion: true\nreplicaRegions: [cn-northwest-1, eu-west-1]")).toEqual([
      "spec.replicaRegions[1]: SM2 keys exist only in the China Regions (aws-cn), their replicas too; eu-west-1 is in aws",
    ]);
  });
});

describe("tags", () => {
  const tags = (n: number) => `tags:\n${Array.from({ length: n }, (_, i) => `  t${i}: "v"`).join("\n")}`;
  const withOrgAndEnv = (yaml: string) => yaml.replace("  name: test-key\n", "  name: test-key\n  org: acme\n  env: prod\n");

  // KMS developer guide, quotas: at most 50 tags per KMS key, counted on what CreateKey gets, which
  // includes planton's identity tags (planton:name and planton:kind, planton:org and planton:env when set).
  it("accepts 50 tags in all, planton's identity tags included, with an empty value allowed", () => {
    expect(specProblems(`${tags(47)}\n  empty: ""`)).toEqual([]);
    expect(problemsOf(withOrgAndEnv(manifestYaml(tags(46))))).toEqual([]);
  });

  it("refuses a 51st tag, counting planton's identity tags", () => {
    expect(specProblems(tags(49))).toEqual([
      "spec.tags: the key would get 51 tags, 2 of them planton's own (planton:name, planton:kind), and KMS allows 50: remove 1 of spec.tags",
    ]);
    expect(problemsOf(withOrgAndEnv(manifestYaml(tags(47))))).toEqual([
      "spec.tags: the key would get 51 tags, 4 of them planton's own (planton:name, planton:org, planton:env, planton:kind), and KMS allows 50: remove 1 of spec.tags",
    ]);
  });

  it("counts a user tag that planton's own identity tag replaces once", () => {
    expect(specProblems(`${tags(48)}\n  "planton:name": x`)).toEqual([]);
  });

  it("refuses more than 50 tags in spec.tags once, by the proto rule", () => {
    expect(specProblems(tags(51))).toEqual(["spec.tags: must have at most 50 entries (got 51)"]);
  });

  it("refuses aws: keys in any letter case, empty or long keys and long values", () => {
    const reserved = "tag keys must not start with aws: in any letter case (reserved by AWS)";
    expect(specProblems('tags: {"aws:team": x}')).toEqual([`spec.tags.aws:team: ${reserved} (got "aws:team")`]);
    expect(specProblems('tags: {"AwS:team": x}')).toEqual([`spec.tags.AwS:team: ${reserved} (got "AwS:team")`]);
    expect(specProblems('tags: {"team:aws": x}')).toEqual([]);
    expect(specProblems('tags: {"": x}')).toEqual(['spec.tags: tag keys must be 1-128 characters (got "")']);
    expect(specProblems(`tags: {${"k".repeat(128)}: x}`)).toEqual([]);
    expect(specProblems(`tags: {${"k".repeat(129)}: x}`)).toEqual([`spec.tags.${"k".repeat(129)}: tag keys must be 1-128 characters (got 129)`]);
    expect(specProblems(`tags: {k: ${"v".repeat(256)}}`)).toEqual([]);
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

describe("principals in every partition, of names IAM allows", () => {
  // The key's users are in the key's partition, so only adminRole is on trial.
  const admin = (arn: string, region = "", partition = "aws") =>
    specProblems(`${region ? `region: ${region}\n` : ""}policy:\n  adminRole: "${arn}"\n  usageRoles: ["arn:${partition}:iam::123456789012:role/App"]`);
  // The AWS SDK's partition table lists these partitions; each has its own ARNs.
  it.each([
    ["aws", "us-east-1"],
    ["aws-cn", "cn-north-1"],
    ["aws-us-gov", "us-gov-west-1"],
    ["aws-iso", "us-iso-east-1"],
    ["aws-iso-b", "us-isob-east-1"],
    ["aws-iso-e", "eu-isoe-west-1"],
    ["aws-iso-f", "us-isof-south-1"],
    ["aws-eusc", "eusc-de-east-1"],
  ])("accepts %s principals for a key in %s", (partition, region) => {
    expect(admin(`arn:${partition}:iam::123456789012:role/Admin`, region, partition)).toEqual([]);
  });

  it("refuses a principal of another partition than the key's", () => {
    expect(admin("arn:aws:iam::123456789012:role/Admin", "cn-north-1", "aws-cn")).toEqual([
      'spec.policy.adminRole: is in the aws partition, but the key is in aws-cn (cn-north-1): a principal must be in the key\'s partition, e.g. arn:aws-cn:iam::123456789012:role/Admin (got "arn:aws:iam::123456789012:role/Admin")',
    ]);
  });

  it("writes the ARN hint in the key's partition", () => {
    expect(admin("SecurityAdmin", "cn-north-1", "aws-cn")).toEqual([
      'spec.policy.adminRole: must be an IAM ARN: arn:aws-cn:iam::<12-digit account>:role/NAME, :user/NAME or :root (got "SecurityAdmin")',
    ]);
  });

  // IAM User Guide, IAM quotas and the CreateRole / CreateUser API reference: RoleName and UserName
  // are 1-64 characters of [\w+=,.@-]; Path is 1-512 characters, "/" or "/" + [\u0021-\u007E]+ + "/".
  it("accepts role and user names of 64 characters and refuses 65", () => {
    expect(admin(`arn:aws:iam::123456789012:role/${"r".repeat(64)}`)).toEqual([]);
    expect(admin(`arn:aws:iam::123456789012:user/${"u".repeat(64)}`)).toEqual([]);
    expect(admin(`arn:aws:iam::123456789012:role/${"r".repeat(65)}`)).toEqual([
      `spec.policy.adminRole: must end in an IAM role name of at most 64 characters (got "arn:aws:iam::123456789012:role/${"r".repeat(65)}")`,
    ]);
    expect(admin(`arn:aws:iam::123456789012:user/team/${"u".repeat(65)}`)).toEqual([
      `spec.policy.adminRole: must end in an IAM user name of at most 64 characters (got "arn:aws:iam::123456789012:user/team/${"u".repeat(65)}")`,
    ]);
  });

  it("refuses a name with characters IAM does not allow", () => {
    expect(admin("arn:aws:iam::123456789012:role/team/a:b")).toEqual([
      'spec.policy.adminRole: must end in an IAM role name of letters, digits and +=,.@_- (got "arn:aws:iam::123456789012:role/team/a:b")',
    ]);
  });

  it("accepts a path of 512 characters, slashes included, and refuses 513", () => {
    // role/<510 characters>/Name has the path "/<510 characters>/": 512 characters.
    const path = (n: number) => `${"p".repeat(n - 1)}~`;
    expect(admin(`arn:aws:iam::123456789012:role/${path(510)}/Name`)).toEqual([]);
    expect(admin(`arn:aws:iam::123456789012:role/${path(511)}/Name`)).toEqual([
      `spec.policy.adminRole: must have an IAM path of at most 512 characters, its slashes included (got "arn:aws:iam::123456789012:role/${path(511)}/Name")`,
    ]);
  });

  it("refuses a path with characters IAM does not allow, and a * anywhere", () => {
    expect(admin("arn:aws:iam::123456789012:role/my team/Name")).toEqual([
      'spec.policy.adminRole: must have an IAM path of ASCII characters from ! to ~ (got "arn:aws:iam::123456789012:role/my team/Name")',
    ]);
    expect(admin("arn:aws:iam::123456789012:role/team/*")).toEqual([
      'spec.policy.adminRole: must not hold *: IAM matches no part of a principal with a wildcard; name the role or user exactly (got "arn:aws:iam::123456789012:role/team/*")',
    ]);
  });
});

describe("the AWS default policy", () => {
  // KMS developer guide, default key policy: without a policy, CreateKey gives the account root
  // kms:* on the key; planton says so rather than calling it least privilege.
  it("is a warning, not an error, for a key without a policy block", () => {
    expect(allProblemsOf(manifestYaml(""))).toEqual([
      "warning: spec.policy: not set: the key gets the AWS default key policy, which gives the account root kms:* (any principal of the account that IAM allows may manage and use the key); set adminRole and usageRoles for least privilege",
    ]);
  });

  it("is not given once a policy block is there", () => {
    expect(allProblemsOf(manifestYaml('policy:\n  adminRole: "arn:aws:iam::123456789012:role/Admin"\n  usageRoles: ["arn:aws:iam::123456789012:role/App"]'))).toEqual([]);
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
