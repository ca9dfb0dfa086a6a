import { create } from "@bufbuild/protobuf";
import fc from "fast-check";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { KeySpec, KeyUsage } from "../../gen/project/planton/provider/aws/awskmskey/v1/enums_pb";
import { buildPolicy } from "../../src/policy/build-policy";
import { policyJson, sentPolicyBytesBound, sentPolicyJson } from "../../src/policy/policy-json";
import type { PolicyDocument } from "../../src/policy/policy-document";
import { SERVICE_NAMES } from "../../src/policy/service-statements";
import type { PolicyTarget } from "../../src/policy/policy-target";

// Properties of the generator over any structured policy the proto rules accept: its text always
// parses, never names a wildcard principal, and is the same bytes on every run and for every
// order of the input's maps and principal lists.

const account = fc.stringMatching(/^[0-9]{12}$/);
const name = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,16}$/);
const principal = fc.oneof(
  fc.tuple(account, name).map(([a, n]) => `arn:aws:iam::${a}:role/${n}`),
  fc.tuple(account, name).map(([a, n]) => `arn:aws:iam::${a}:user/${n}`),
  account.map((a) => `arn:aws:iam::${a}:root`),
);
const principals = (max: number) => fc.uniqueArray(principal, { maxLength: max });

const keyType = fc.constantFrom(
  [KeySpec.SYMMETRIC_DEFAULT, KeyUsage.ENCRYPT_DECRYPT],
  [KeySpec.RSA_2048, KeyUsage.ENCRYPT_DECRYPT],
  [KeySpec.RSA_3072, KeyUsage.SIGN_VERIFY],
  [KeySpec.ECC_NIST_P256, KeyUsage.KEY_AGREEMENT],
  [KeySpec.HMAC_512, KeyUsage.GENERATE_VERIFY_MAC],
  [KeySpec.ML_DSA_44, KeyUsage.SIGN_VERIFY],
);

const service = fc.record({
  service: fc.constantFrom(...SERVICE_NAMES),
  principals: principals(3),
  sourceAccount: fc.option(account, { nil: "" }),
  sourceArn: fc.option(fc.tuple(account, name).map(([a, n]) => `arn:aws:logs:us-east-1:${a}:log-group:${n}`), { nil: "" }),
});

const extraStatement = fc.record({
  effect: fc.constantFrom("", "Allow", "Deny"),
  principals: principals(3),
  servicePrincipals: fc.uniqueArray(fc.constantFrom("sns.amazonaws.com", "events.amazonaws.com", "logs.eu-west-1.amazonaws.com"), { maxLength: 2 }),
  actions: fc.uniqueArray(fc.constantFrom("kms:Decrypt", "kms:Encrypt", "kms:Sign", "kms:PutKeyPolicy", "kms:DescribeKey"), { minLength: 1, maxLength: 4 }),
  conditions: fc.uniqueArray(
    fc.record({ operator: fc.constantFrom("StringEquals", "ArnLike", "Bool"), key: fc.constantFrom("aws:PrincipalOrgID", "kms:CallerAccount", "aws:SecureTransport"), values: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }) }),
    { maxLength: 3, selector: (c) => `${c.operator} ${c.key}` },
  ),
});

const input = fc.record({
  type: keyType,
  multiRegion: fc.boolean(),
  adminRole: fc.option(principal, { nil: "" }),
  adminRoles: principals(3),
  usageRoles: principals(4),
  // Keys and values include any Unicode, to exercise JSON escaping.
  encryptionContext: fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ minLength: 1, maxLength: 10 })), { maxLength: 4, selector: ([k]) => k }),
  services: fc.uniqueArray(service, { maxLength: 4, selector: (s) => s.service }),
  grantRoles: principals(2),
  crossAccountIds: fc.uniqueArray(account, { maxLength: 2 }),
  extraStatements: fc.array(extraStatement, { maxLength: 3 }),
});
type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

const target = fc.record({
  accountId: account,
  partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
  region: fc.constantFrom("us-east-1", "eu-west-1", "cn-north-1", "ap-southeast-2"),
});

/** The key for an input, with every list and map in the order `order` gives. */
function keyFor(i: Input, order: <T>(items: readonly T[]) => T[]): AwsKmsKey {
  const symmetric = i.type[0] === KeySpec.SYMMETRIC_DEFAULT;
  return create(AwsKmsKeySchema, {
    apiVersion: "aws.project-planton.org/v1",
    kind: "AwsKmsKey",
    metadata: { name: "prop" },
    spec: {
      keySpec: i.type[0],
      keyUsage: i.type[1],
      multiRegion: i.multiRegion,
      policy: {
        adminRole: i.adminRole,
        adminRoles: order(i.adminRoles),
        usageRoles: order(i.usageRoles),
        encryptionContext: symmetric ? Object.fromEntries(order(i.encryptionContext)) : {},
        services: symmetric ? order(i.services).map((s) => ({ ...s, principals: order(s.principals) })) : [],
        grantRoles: order(i.grantRoles),
        crossAccountIds: order(i.crossAccountIds),
        // Statement order is the user's on purpose; what is inside each is not.
        extraStatements: i.extraStatements.map((s, n) => ({
          ...s,
          sid: `Extra${n}`,
          principals: order(s.principals),
          servicePrincipals: order(s.servicePrincipals),
          actions: order(s.actions),
          conditions: order(s.conditions).map((c) => ({ ...c, values: order(c.values) })),
        })),
      },
    },
  });
}

const asGiven = <T>(items: readonly T[]): T[] => [...items];
const reversed = <T>(items: readonly T[]): T[] => [...items].reverse();
const rotated = <T>(items: readonly T[]): T[] => (items.length < 2 ? [...items] : [...items.slice(1), items[0]]);

function allPrincipals(doc: { Statement: { Principal?: unknown }[] }): string[] {
  return doc.Statement.flatMap((s) => {
    if (typeof s.Principal === "string") return [s.Principal];
    return Object.values((s.Principal ?? {}) as Record<string, string | string[]>).flat();
  });
}

describe("the generated policy text", () => {
  it("always parses, as a document with statements that all have Effect, Principal, Action and Resource", () => {
    fc.assert(
      fc.property(input, target, (i, t: PolicyTarget) => {
        const doc = JSON.parse(policyJson(buildPolicy(keyFor(i, asGiven), t)));
        expect(doc.Version).toBe("2012-10-17");
        for (const s of doc.Statement) {
          expect(Object.keys(s)).toEqual(expect.arrayContaining(["Effect", "Principal", "Action", "Resource"]));
        }
      }),
    );
  });

  it("never names a wildcard principal", () => {
    fc.assert(
      fc.property(input, target, (i, t: PolicyTarget) => {
        const doc = JSON.parse(policyJson(buildPolicy(keyFor(i, asGiven), t)));
        for (const p of allPrincipals(doc)) expect(p).not.toContain("*");
      }),
    );
  });

  it("is the same bytes on every run and whatever order maps and principal lists come in", () => {
    fc.assert(
      fc.property(input, target, (i, t: PolicyTarget) => {
        const text = policyJson(buildPolicy(keyFor(i, asGiven), t));
        expect(policyJson(buildPolicy(keyFor(i, asGiven), t))).toBe(text);
        expect(policyJson(buildPolicy(keyFor(i, reversed), t))).toBe(text);
        expect(policyJson(buildPolicy(keyFor(i, rotated), t))).toBe(text);
      }),
    );
  });

  it("is a fixed point: canonicalising the text again through policyJson changes nothing", () => {
    fc.assert(
      fc.property(input, target, (i, t: PolicyTarget) => {
        const text = policyJson(buildPolicy(keyFor(i, asGiven), t));
        expect(policyJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it("never needs more bytes as sent than sentPolicyBytesBound says (the size check's shortcut)", () => {
    const sentBytes = (doc: PolicyDocument): number => new TextEncoder().encode(sentPolicyJson(doc)).length;
    fc.assert(
      fc.property(input, target, (i, t: PolicyTarget) => {
        const doc = buildPolicy(keyFor(i, asGiven), t);
        expect(sentBytes(doc)).toBeLessThanOrEqual(sentPolicyBytesBound(doc));
      }),
    );
    // A user's own policyJson: any JSON, any Unicode (escaped when sent), a lone Statement object.
    const text = fc.string({ unit: "binary", maxLength: 12 });
    const value = fc.letrec((tie) => ({
      json: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie("json"), { maxLength: 3 }), fc.dictionary(text, tie("json"), { maxKeys: 3 })),
    })).json;
    const statement = fc.record({ Sid: text, Effect: text, Principal: value, Action: fc.oneof(text, fc.array(text, { maxLength: 4 })), Resource: value, Condition: value }, { requiredKeys: [] });
    const rawDoc = fc.record({ Version: text, Id: text, Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })), Extra: value }, { requiredKeys: ["Statement"] });
    fc.assert(
      fc.property(rawDoc, (doc) => {
        const document = doc as unknown as PolicyDocument;
        expect(sentBytes(document)).toBeLessThanOrEqual(sentPolicyBytesBound(document));
      }),
    );
  });
});
