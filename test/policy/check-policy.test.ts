import type { JsonObject } from "@bufbuild/protobuf";
import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { buildPolicy } from "../../src/policy/build-policy";
import { checkPolicy } from "../../src/policy/check-policy";
import { defaultPolicyWarning } from "../../src/policy/default-policy-warning";
import { sentPolicyJson } from "../../src/policy/policy-json";
import type { PolicyTarget } from "../../src/policy/policy-target";
import { specProblems } from "../validate/manifest-problems";
import { ACCOUNT, ADMIN, keyWith, keyWithPolicy, USER } from "./keys";

const ROOT = "arn:aws:iam::111122223333:root";
const CN_ADMIN = "arn:aws-cn:iam::111122223333:role/KeyAdmin";

function check(policy: JsonObject, spec: JsonObject = {}) {
  return checkPolicy(keyWithPolicy(policy, spec)).map(({ path, severity, message }) => ({ path, severity, message }));
}

function paths(policy: JsonObject, spec: JsonObject = {}): string[] {
  return check(policy, spec).map((p) => `${p.severity} ${p.path}`);
}

/** A raw policy document with these statements (the admin statement first unless told otherwise). */
function raw(statements: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements, ...extra });
}

const adminStatement = { Sid: "Admin", Effect: "Allow", Principal: { AWS: ADMIN }, Action: ["kms:PutKeyPolicy", "kms:DescribeKey"], Resource: "*" };
const useStatement = { Sid: "Use", Effect: "Allow", Principal: { AWS: USER }, Action: ["kms:Decrypt", "kms:Encrypt"], Resource: "*" };

describe("checkPolicy", () => {
  it("checks nothing on a key without a policy block: defaultPolicyWarning speaks of the AWS default policy", () => {
    const key = keyWith({ region: "us-east-1" });
    expect(checkPolicy(key)).toEqual([]);
    // KMS developer guide, default key policy: it gives the account root kms:* on the key.
    expect(defaultPolicyWarning(key)).toEqual({
      path: "spec.policy",
      severity: "warning",
      message:
        "not set: the key gets the AWS default key policy, which gives the account root kms:* (any principal of the account that IAM allows may manage and use the key); set adminRole and usageRoles for least privilege",
    });
    expect(defaultPolicyWarning(keyWithPolicy({ adminRole: ADMIN, usageRoles: [USER] }))).toBeUndefined();
  });

  it("accepts the user's example as is", () => {
    expect(check({ adminRole: ADMIN, usageRoles: [USER], encryptionContext: { App: "CustomerDatabase", Environment: "Production" } })).toEqual([]);
  });

  describe("lockout", () => {
    it("refuses a structured policy in which nobody keeps kms:PutKeyPolicy", () => {
      expect(check({ usageRoles: [USER] })).toEqual([
        {
          path: "spec.policy.adminRole",
          severity: "error",
          message: "no principal may change the key policy (kms:PutKeyPolicy), so the key could never be managed again: set adminRole or adminRoles, or set bypassPolicyLockoutSafetyCheck: true if that is really meant",
        },
      ]);
    });

    it("accepts adminRoles alone, an extra statement that allows kms:PutKeyPolicy, or an explicit bypass", () => {
      expect(check({ adminRoles: [ADMIN], usageRoles: [USER] })).toEqual([]);
      expect(check({ usageRoles: [USER], extraStatements: [{ sid: "Admin", principals: [ADMIN], actions: ["kms:PutKeyPolicy"] }] })).toEqual([]);
      expect(check({ usageRoles: [USER], bypassPolicyLockoutSafetyCheck: true })).toEqual([]);
    });

    it("sees an extra Deny statement that takes kms:PutKeyPolicy away from the only admin", () => {
      const deny = { sid: "NoPolicyChanges", effect: "Deny", principals: [ADMIN], actions: ["kms:PutKeyPolicy"] };
      expect(paths({ adminRole: ADMIN, usageRoles: [USER], extraStatements: [deny] })).toEqual(["error spec.policy.adminRole"]);
    });

    it("refuses a raw policy without kms:PutKeyPolicy, and accepts kms:* or a bypass", () => {
      expect(check({ policyJson: raw([useStatement]) })).toEqual([
        {
          path: "spec.policy.policyJson",
          severity: "error",
          message: "no statement lets a principal change the key policy (kms:PutKeyPolicy), so the key could never be managed again: allow it to an administrator, or set bypassPolicyLockoutSafetyCheck: true if that is really meant",
        },
      ]);
      expect(check({ policyJson: raw([{ ...adminStatement, Action: "kms:*" }, useStatement]) })).toEqual([]);
      expect(check({ policyJson: raw([useStatement]), bypassPolicyLockoutSafetyCheck: true })).toEqual([]);
    });

    it("refuses a structured policy that grants nothing at all", () => {
      expect(check({ bypassPolicyLockoutSafetyCheck: true })).toEqual([
        {
          path: "spec.policy",
          severity: "error",
          message: "the policy grants nothing: name adminRole, usageRoles, services or other principals, or remove the policy block for the AWS default policy",
        },
      ]);
    });
  });

  describe("size", () => {
    const longRoles = Array.from({ length: 50 }, (_, i) => `arn:aws:iam::111122223333:role/${"team/".repeat(70)}app-${i}`);

    it("refuses a generated policy over 32768 bytes", () => {
      const problems = check({ adminRole: ADMIN, usageRoles: longRoles, encryptionContext: { App: "x" } });
      expect(problems).toHaveLength(1);
      expect(problems[0].path).toBe("spec.policy");
      expect(problems[0].message).toMatch(/^the generated key policy is \d+ bytes as planton sends it \(compact JSON\), over the KMS limit of 32768: use fewer principals or statements$/);
    });

    it("accepts the same roles when they fit", () => {
      expect(check({ adminRole: ADMIN, usageRoles: longRoles.slice(0, 20) })).toEqual([]);
    });

    // The KMS developer guide: a key policy is at most 32 KB (32,768 bytes). planton sends the
    // policy compact (sentPolicyJson), so that is what is measured, for raw documents too.
    const rawOfSize = (bytes: number) => {
      const make = (pad: number) => JSON.parse(raw([adminStatement, { ...useStatement, Sid: `Use${"x".repeat(pad)}` }]));
      const key = (pad: number) => keyWithPolicy({ policyJson: JSON.stringify(make(pad), null, 2) });
      const sent = (pad: number) => new TextEncoder().encode(sentPolicyJson(make(pad))).length;
      const k = key(bytes - sent(0));
      expect(sent(bytes - sent(0))).toBe(bytes);
      return k;
    };
    const sizeMessages = (key: AwsKmsKey) => checkPolicy(key).map((p) => p.message).filter((m) => m.includes("over the KMS limit"));

    it("accepts a raw policy of 32768 bytes as sent, however long the text as written", () => {
      const key = rawOfSize(32768);
      // As written (indented) it is far longer than what is sent.
      expect((key.spec?.policy?.policyJson ?? "").length).toBeGreaterThan(32768);
      expect(sizeMessages(key)).toEqual([]);
    });

    it("refuses a raw policy of 32769 bytes as sent, in words about the user's own document", () => {
      expect(sizeMessages(rawOfSize(32769))).toEqual([
        "policyJson is 32769 bytes as planton sends it (compact JSON), over the KMS limit of 32768: shorten the document (fewer statements, principals or conditions)",
      ]);
    });

    it("measures characters outside the key policy character set as the escapes that are sent", () => {
      // KMS API reference, PutKeyPolicy Policy: only tab, line feed, carriage return and U+0020 to
      // U+00FF; planton sends anything else as a JSON escape (6 bytes for each UTF-16 unit).
      const key = keyWithPolicy({ adminRole: ADMIN, usageRoles: [USER], encryptionContext: { App: "日本".repeat(3000) } });
      // 6000 such characters are 36000 bytes of escapes, plus the rest of the policy.
      expect(sizeMessages(key)).toEqual([
        "the generated key policy is 37024 bytes as planton sends it (compact JSON), over the KMS limit of 32768: use fewer principals or statements",
      ]);
      const ascii = keyWithPolicy({ adminRole: ADMIN, usageRoles: [USER], encryptionContext: { App: "ab".repeat(3000) } });
      expect(sizeMessages(ascii)).toEqual([]);
    });
  });

  describe("size right at the limit, measured for the region and account it will really get", () => {
    const ballast = Array.from({ length: 40 }, (_, i) => `arn:aws:iam::${ACCOUNT}:role/${"team/".repeat(70)}app-${i}`);
    const services: JsonObject[] = [
      { service: "s3", principals: [USER] },
      { service: "rds", principals: [USER] },
      { service: "ebs", principals: [USER] },
      { service: "logs", sourceAccount: ACCOUNT, sourceArn: `arn:aws:logs:*:${ACCOUNT}:log-group:app` },
    ];
    const deployedBytes = (key: AwsKmsKey, target: PolicyTarget) => new TextEncoder().encode(sentPolicyJson(buildPolicy(key, target))).length;
    // A key whose policy is exactly `bytes` long once deployed to `target` (one usage role is padded).
    function keyOfSize(bytes: number, target: PolicyTarget, spec: JsonObject, policy: JsonObject): AwsKmsKey {
      const make = (pad: number) => keyWith({ ...spec, policy: { adminRole: ADMIN, usageRoles: [...ballast, `${USER}${"x".repeat(pad)}`], ...policy } });
      const pad = bytes - deployedBytes(make(0), target);
      const key = make(pad);
      expect(deployedBytes(key, target)).toBe(bytes);
      return key;
    }
    const sizeErrors = (key: AwsKmsKey) => checkPolicy(key).filter((p) => p.message.startsWith("the generated key policy is"));

    it("without spec.region, judges by the longest real region, not the shorter ${AWS_REGION}", () => {
      // cn-northwest-1 and amazonaws.com.cn are the longest region and DNS suffix a key can get.
      const china: PolicyTarget = { accountId: ACCOUNT, partition: "aws-cn", region: "cn-northwest-1" };
      expect(sizeErrors(keyOfSize(32768, china, {}, { services }))).toEqual([]);
      expect(sizeErrors(keyOfSize(32769, china, {}, { services })).map((p) => p.message)).toEqual([
        "the generated key policy is 32769 bytes as planton sends it (compact JSON), over the KMS limit of 32768: use fewer principals or statements",
      ]);
      const singapore: PolicyTarget = { accountId: ACCOUNT, partition: "aws", region: "ap-southeast-1" };
      expect(sizeErrors(keyOfSize(32769, singapore, {}, { services }))).toHaveLength(1);
    });

    it("with spec.region, measures a 12-digit account id rather than the longer placeholder", () => {
      // Cross-account roots and via-service defaults name the key's own account, unknown offline.
      const target: PolicyTarget = { accountId: ACCOUNT, partition: "aws", region: "us-east-1" };
      const policy = { crossAccountIds: ["444455556666"], services: [{ service: "s3" }, { service: "rds" }, { service: "logs" }] };
      expect(sizeErrors(keyOfSize(32768, target, { region: "us-east-1" }, policy))).toEqual([]);
      expect(sizeErrors(keyOfSize(32769, target, { region: "us-east-1" }, policy))).toHaveLength(1);
    });
  });

  describe("encryptionContext", () => {
    it("is refused on keys other than SYMMETRIC_DEFAULT", () => {
      expect(check({ adminRole: ADMIN, usageRoles: [USER], encryptionContext: { App: "x" } }, { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })).toEqual([
        {
          path: "spec.policy.encryptionContext",
          severity: "error",
          message: "encryption context conditions need a SYMMETRIC_DEFAULT key: KMS takes no encryption context on a RSA_2048 SIGN_VERIFY key; remove encryptionContext",
        },
      ]);
    });

    it("is accepted on symmetric keys, with a warning when no usageRoles are there to constrain", () => {
      expect(check({ adminRole: ADMIN, usageRoles: [USER], encryptionContext: { App: "x" } })).toEqual([]);
      expect(paths({ adminRole: ADMIN, encryptionContext: { App: "x" }, services: [{ service: "s3" }] })).toEqual(["warning spec.policy.encryptionContext"]);
    });
  });

  describe("services", () => {
    it("are refused on keys that are not SYMMETRIC_DEFAULT", () => {
      expect(check({ adminRole: ADMIN, services: [{ service: "s3" }] }, { keySpec: "HMAC_256" })).toEqual([
        { path: "spec.policy.services[0].service", severity: "error", message: "s3 encrypts only with SYMMETRIC_DEFAULT keys, and this key is HMAC_256 GENERATE_VERIFY_MAC" },
      ]);
    });

    it("may name each service once", () => {
      expect(paths({ adminRole: ADMIN, services: [{ service: "s3" }, { service: "rds" }, { service: "s3" }] })).toEqual(["error spec.policy.services[2].service"]);
    });

    it("take no principals for logs and cloudtrail, whose own principal uses the key", () => {
      expect(paths({ adminRole: ADMIN, services: [{ service: "logs", principals: [USER] }] })).toEqual(["error spec.policy.services[0].principals"]);
      expect(paths({ adminRole: ADMIN, services: [{ service: "rds", principals: [USER] }] })).toEqual([]);
    });

    it("take sourceArn for logs and cloudtrail only, and only an ARN of that service", () => {
      expect(paths({ adminRole: ADMIN, services: [{ service: "s3", sourceArn: "arn:aws:s3:::bucket" }] })).toEqual(["error spec.policy.services[0].sourceArn"]);
      expect(check({ adminRole: ADMIN, services: [{ service: "logs", sourceArn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/x" }] })).toEqual([
        {
          path: "spec.policy.services[0].sourceArn",
          severity: "error",
          message: 'must be a logs ARN such as arn:aws:logs:us-east-1:111122223333:log-group:NAME (got "arn:aws:cloudtrail:us-east-1:111122223333:trail/x")',
        },
      ]);
      expect(check({ adminRole: CN_ADMIN, services: [{ service: "cloudtrail", sourceArn: "arn:aws-cn:logs:cn-north-1:111122223333:log-group:x" }] }, { region: "cn-north-1" })).toEqual([
        {
          path: "spec.policy.services[0].sourceArn",
          severity: "error",
          message: 'must be a cloudtrail ARN such as arn:aws-cn:cloudtrail:cn-north-1:111122223333:trail/NAME (got "arn:aws-cn:logs:cn-north-1:111122223333:log-group:x")',
        },
      ]);
      expect(paths({ adminRole: ADMIN, services: [{ service: "logs", sourceArn: "arn:aws:logs:us-east-1:111122223333:log-group:/app/*" }] })).toEqual([]);
    });
  });

  describe("extraStatements", () => {
    const ok = { sid: "Extra", principals: [USER], actions: ["kms:Decrypt"] };

    it("need unique sids, not taken by a generated statement", () => {
      expect(check({ adminRole: ADMIN, extraStatements: [{ ...ok, sid: "KeyUsage" }] })).toEqual([
        { path: "spec.policy.extraStatements[0].sid", severity: "error", message: '"KeyUsage" is already the sid of a statement planton generates; statement ids must be unique' },
      ]);
      expect(paths({ adminRole: ADMIN, extraStatements: [ok, ok] })).toEqual(["error spec.policy.extraStatements[1].sid"]);
      expect(paths({ adminRole: ADMIN, extraStatements: [ok, { ...ok, sid: "Other" }] })).toEqual([]);
    });

    it("need a principal", () => {
      expect(paths({ adminRole: ADMIN, usageRoles: [USER], extraStatements: [{ sid: "Nobody", actions: ["kms:Decrypt"] }] })).toEqual(["error spec.policy.extraStatements[0].principals"]);
      expect(paths({ adminRole: ADMIN, usageRoles: [USER], extraStatements: [{ sid: "Sns", servicePrincipals: ["sns.amazonaws.com"], actions: ["kms:Decrypt"] }] })).toEqual([]);
    });

    it("may not repeat an operator and key in two conditions", () => {
      const twice = { ...ok, conditions: [{ operator: "StringEquals", key: "aws:PrincipalOrgID", values: ["o-1"] }, { operator: "StringEquals", key: "aws:PrincipalOrgID", values: ["o-2"] }] };
      expect(check({ adminRole: ADMIN, extraStatements: [twice] })).toEqual([
        {
          path: "spec.policy.extraStatements[0].conditions[1]",
          severity: "error",
          message: "repeats StringEquals on aws:PrincipalOrgID from conditions[0]; put all values in one condition (any one matching is enough)",
        },
      ]);
    });
  });

  describe("policyJson principals and the key's partition", () => {
    const cnAdmin = { ...adminStatement, Principal: { AWS: "arn:aws-cn:iam::111122223333:role/KeyAdmin" } };
    it("accepts principals of the key's partition", () => {
      expect(check({ policyJson: raw([cnAdmin, { ...useStatement, Principal: { AWS: "arn:aws-cn:iam::111122223333:role/App" } }]) }, { region: "cn-north-1" })).toEqual([]);
    });

    it("refuses a principal of another partition, and writes the ARN hint in the key's", () => {
      expect(check({ policyJson: raw([cnAdmin, useStatement]) }, { region: "cn-north-1" }).map((p) => p.message)).toEqual([
        `Statement[1].Principal.AWS: is in the aws partition, but the key is in aws-cn (cn-north-1): a principal must be in the key's partition, e.g. arn:aws-cn:iam::111122223333:role/App (got "${USER}")`,
      ]);
      expect(check({ policyJson: raw([cnAdmin, { ...useStatement, Principal: { AWS: "App" } }]) }, { region: "cn-north-1" }).map((p) => p.message)).toEqual([
        'Statement[1].Principal.AWS: must be an IAM ARN: arn:aws-cn:iam::<12-digit account>:role/NAME, :user/NAME or :root (got "App")',
      ]);
    });
  });

  describe("policyJson", () => {
    it("is exclusive of the structured fields", () => {
      expect(check({ policyJson: raw([adminStatement, useStatement]), adminRole: ADMIN, usageRoles: [USER] })).toEqual([
        {
          path: "spec.policy.policyJson",
          severity: "error",
          message: "policyJson cannot be combined with adminRole, usageRoles: use either the structured fields or a complete policy document",
        },
      ]);
      expect(check({ policyJson: raw([adminStatement, useStatement]), bypassPolicyLockoutSafetyCheck: true })).toEqual([]);
    });

    it("must be JSON", () => {
      const problems = check({ policyJson: "{ not json" });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: "spec.policy.policyJson", severity: "error" });
      expect(problems[0].message).toMatch(/^is not valid JSON \(.+\)$/);
      expect(check({ policyJson: "[]" })).toEqual([{ path: "spec.policy.policyJson", severity: "error", message: "must be a JSON object with Version and Statement" }]);
    });

    it("must have Version 2012-10-17 and statements", () => {
      expect(check({ policyJson: raw([adminStatement, useStatement], { Version: "2008-10-17" }) }).map((p) => p.message)).toEqual([
        'Version must be "2012-10-17" (got "2008-10-17")',
      ]);
      expect(check({ policyJson: '{"Version":"2012-10-17"}' }).map((p) => p.message)).toEqual(["Statement must hold at least one statement"]);
    });

    it("needs Effect, Principal, Action and Resource in every statement", () => {
      expect(check({ policyJson: raw([adminStatement, { Sid: "Bare" }]) }).map((p) => p.message)).toEqual([
        'Statement[1].Effect: must be "Allow" or "Deny" (got none)',
        "Statement[1]: has no Principal",
        "Statement[1]: has no Action (a string or a list of strings)",
        'Statement[1]: has no Resource (in a key policy, "*": the key itself)',
      ]);
      expect(check({ policyJson: raw([adminStatement, { ...useStatement, Principal: undefined, NotPrincipal: { AWS: USER } }]) }).map((p) => p.message)).toEqual([
        "Statement[1]: has no Principal (NotPrincipal is not supported: name the principals)",
      ]);
    });

    it("needs unique statement ids", () => {
      expect(check({ policyJson: raw([adminStatement, { ...useStatement, Sid: "Admin" }]) }).map((p) => p.message)).toEqual([
        'Statement[1].Sid: "Admin" is already the Sid of Statement[0]; statement ids must be unique',
      ]);
      expect(check({ policyJson: raw([adminStatement, useStatement, { ...useStatement, Sid: undefined }]) })).toEqual([]);
    });

    it("refuses wildcard principals, however written", () => {
      for (const principal of ["*", { AWS: "*" }, { AWS: [USER, "arn:aws:iam::*:root"] }, { Service: "*" }]) {
        const problems = check({ policyJson: raw([adminStatement, { ...useStatement, Principal: principal }]) });
        expect(problems.map((p) => p.message)).toEqual([
          expect.stringMatching(/^Statement\[1\]\.Principal(\.AWS|\.AWS\[1\]|\.Service)?: must not be a wildcard principal: it lets every AWS account use the key/),
        ]);
      }
    });

    it("refuses IAM groups and malformed principals with the proto rule's words", () => {
      const group = "arn:aws:iam::111122223333:group/Admins";
      expect(check({ policyJson: raw([adminStatement, { ...useStatement, Principal: { AWS: group } }]) }).map((p) => p.message)).toEqual([
        `Statement[1].Principal.AWS: must not be an IAM group: KMS key policies reject groups; name the roles or users instead (got "${group}")`,
      ]);
      expect(check({ policyJson: raw([adminStatement, { ...useStatement, Principal: { AWS: "bob" } }]) }).map((p) => p.message)).toEqual([
        'Statement[1].Principal.AWS: must be an IAM ARN: arn:aws:iam::<12-digit account>:role/NAME, :user/NAME or :root (got "bob")',
      ]);
      expect(check({ policyJson: raw([adminStatement, { ...useStatement, Principal: { Service: "example.com" } }]) }).map((p) => p.message)).toEqual([
        'Statement[1].Principal.Service: must be an AWS service principal such as sns.amazonaws.com (got "example.com")',
      ]);
      expect(check({ policyJson: raw([adminStatement, { ...useStatement, Principal: { Federated: "cognito-identity.amazonaws.com" } }]) }).map((p) => p.message)).toEqual([
        "Statement[1].Principal.Federated: key policies planton deploys name AWS (IAM ARNs) and Service principals only",
      ]);
      expect(check({ policyJson: raw([adminStatement, { ...useStatement, Principal: { AWS: USER, Service: "logs.us-east-1.amazonaws.com" } }]) })).toEqual([]);
    });

    it("explains a bad service principal in the words the structured field gets", () => {
      const [fromJson] = check({ policyJson: raw([adminStatement, { ...useStatement, Principal: { Service: "sns" } }]) });
      const structured = `policy:\n  adminRole: "${ADMIN}"\n  extraStatements:\n    - sid: Sns\n      servicePrincipals: [sns]\n      actions: [kms:Decrypt]`;
      const [fromField] = specProblems(structured);
      expect(fromField).toBe('spec.policy.extraStatements[0].servicePrincipals[0]: must be an AWS service principal such as sns.amazonaws.com (got "sns")');
      expect(`spec.policy.extraStatements[0].servicePrincipals[0]: ${fromJson?.message.replace(/^Statement\[1\]\.Principal\.Service: /, "")}`).toBe(fromField);
    });
  });

  describe("warnings", () => {
    it("warn when an account root may decrypt through usageRoles", () => {
      expect(check({ adminRole: ADMIN, usageRoles: [USER, ROOT] })).toEqual([
        {
          path: "spec.policy.usageRoles[1]",
          severity: "warning",
          message: `usageRoles lets ${ROOT} decrypt: an account root lets every principal of that account whose IAM policies allow it decrypt; name the roles that need it`,
        },
      ]);
    });

    it("warn when an extra statement lets an account root decrypt, but not for other actions", () => {
      const extra = (actions: string[]) => ({ sid: "Extra", principals: [ROOT], actions });
      expect(paths({ adminRole: ADMIN, usageRoles: [USER], extraStatements: [extra(["kms:Decrypt"])] })).toEqual(["warning spec.policy.extraStatements[0].principals[0]"]);
      expect(paths({ adminRole: ADMIN, usageRoles: [USER], extraStatements: [extra(["kms:Encrypt"])] })).toEqual([]);
    });

    it("warn when a raw policy lets an account root decrypt, as kms:* does", () => {
      const rootAll = { Sid: "Root", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };
      expect(check({ policyJson: raw([rootAll]) })).toEqual([
        {
          path: "spec.policy.policyJson",
          severity: "warning",
          message: `Statement[0] (Root) lets ${ROOT} decrypt: an account root lets every principal of that account whose IAM policies allow it decrypt; name the roles that need it`,
        },
      ]);
    });

    it("do not warn about the account roots of cross-account and via-service statements, which name them by design", () => {
      expect(check({ adminRole: ADMIN, crossAccountIds: ["444455556666"], services: [{ service: "s3" }] })).toEqual([]);
    });

    it("warn when nobody may use the key", () => {
      expect(check({ adminRole: ADMIN })).toEqual([
        { path: "spec.policy", severity: "warning", message: "no principal or service may use the key: add usageRoles, services or crossAccountIds" },
      ]);
      expect(check({ adminRole: ADMIN, grantRoles: [USER] }).map((p) => p.severity)).toEqual(["warning"]);
      expect(check({ policyJson: raw([adminStatement]) })).toEqual([
        { path: "spec.policy.policyJson", severity: "warning", message: "no statement lets a principal or service use the key for cryptographic operations" },
      ]);
    });

    it("count every way of using the key", () => {
      expect(check({ adminRole: ADMIN, crossAccountIds: ["444455556666"] })).toEqual([]);
      expect(check({ adminRole: ADMIN, services: [{ service: "logs" }] })).toEqual([]);
      expect(check({ adminRole: ADMIN, usageRoles: [USER] }, { keySpec: "ECC_NIST_P256" })).toEqual([]);
      expect(check({ adminRole: ADMIN, extraStatements: [{ sid: "Sign", principals: [USER], actions: ["kms:Sign"] }] })).toEqual([]);
    });
  });
});
