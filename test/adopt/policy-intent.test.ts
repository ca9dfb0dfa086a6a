import type { JsonObject } from "@bufbuild/protobuf";
import { policyIntent, type LivePolicy } from "../../src/adopt/policy-intent";
import { buildPolicy, defaultPolicy } from "../../src/policy/build-policy";
import { policyJson } from "../../src/policy/policy-json";
import type { PolicyDocument } from "../../src/policy/policy-document";
import { ACCOUNT, ADMIN, TARGET, USER, keyWith } from "../policy/keys";
import { CONSOLE_POLICY } from "./console-policy";

// The recogniser: a live policy comes back as intent only when planton's own generator gives
// it back; everything else stays raw JSON with a reason.

const SIGNING = { region: "us-east-1", keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY", enableRotation: false };
const SYMMETRIC = { region: "us-east-1" };

function keyFor(base: JsonObject) {
  return (policy?: JsonObject) => keyWith(policy === undefined ? base : { ...base, policy });
}

function live(doc: PolicyDocument | object, region = "us-east-1"): LivePolicy {
  return { target: { ...TARGET, region }, text: JSON.stringify(doc) };
}

/** The policy planton deploys for a spec, as KMS would return it. */
function deployed(spec: JsonObject, region = "us-east-1"): LivePolicy {
  return live(JSON.parse(policyJson(buildPolicy(keyWith(spec), { ...TARGET, region }))) as PolicyDocument, region);
}


describe("policyIntent", () => {
  it("reads the AWS default policy as no policy block", () => {
    expect(policyIntent([live(defaultPolicy(TARGET))], keyFor(SYMMETRIC))).toEqual({ kind: "default" });
  });

  it.each<[string, JsonObject, JsonObject]>([
    ["admin and usage roles with an encryption context", SYMMETRIC, { adminRole: ADMIN, usageRoles: [USER], encryptionContext: { App: "Billing", Environment: "prod" } }],
    ["several admins, grants and cross-account use", SYMMETRIC, { adminRoles: [ADMIN, `arn:aws:iam::${ACCOUNT}:role/Other`], usageRoles: [USER], grantRoles: [USER], crossAccountIds: ["444455556666"] }],
    ["services through kms:ViaService and CloudWatch Logs", SYMMETRIC, { adminRole: ADMIN, services: [{ service: "s3" }, { service: "rds", principals: [USER] }, { service: "logs" }] }],
    ["an extra statement", SYMMETRIC, { adminRole: ADMIN, extraStatements: [{ sid: "AllowSns", servicePrincipals: ["sns.amazonaws.com"], actions: ["kms:Decrypt", "kms:GenerateDataKey"], conditions: [{ operator: "StringEquals", key: "aws:SourceAccount", values: [ACCOUNT] }] }] }],
    ["a signing key's admin and usage roles", SIGNING, { adminRole: ADMIN, usageRoles: [USER] }],
  ])("gives back the policy block planton deployed: %s", (_name, base, policy) => {
    const intent = policyIntent([deployed({ ...base, policy })], keyFor(base));
    expect(intent).toEqual({ kind: "intent", policy });
  });

  it("reads a policy that only differs in formatting (statement and action order, case, one value vs a list) as the same intent", () => {
    const doc = JSON.parse(policyJson(buildPolicy(keyWith({ ...SYMMETRIC, policy: { adminRole: ADMIN, usageRoles: [USER] } }), TARGET))) as { Statement: Record<string, unknown>[] };
    const shuffled = {
      Version: "2012-10-17",
      Statement: [...doc.Statement].reverse().map((s) => ({
        ...s,
        Action: [...(s["Action"] as string[])].reverse().map((a) => a.toLowerCase()),
        Principal: { AWS: [(s["Principal"] as { AWS: string }).AWS] },
      })),
    };
    expect(policyIntent([live(shuffled)], keyFor(SYMMETRIC))).toEqual({ kind: "intent", policy: { adminRole: ADMIN, usageRoles: [USER] } });
  });

  it("keeps the console's default policy as raw JSON, naming its administrators and users", () => {
    const intent = policyIntent([live(CONSOLE_POLICY)], keyFor(SYMMETRIC));
    expect(intent.kind).toBe("raw");
    if (intent.kind !== "raw") return;
    expect(intent.reason).toBe(
      `this is the AWS console's default key policy (the account root; key administrators ${ADMIN}; key users ${USER}; grants for AWS resources ${USER}); planton's generated policy has no account-root statement and other admin actions, so as intent it would change on the next apply`,
    );
    expect(JSON.parse(intent.policyJson)).toEqual(CONSOLE_POLICY);
  });

  it("keeps a hand-written policy planton cannot generate as raw JSON with the reason", () => {
    const handWritten = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Admins", Effect: "Allow", Principal: { AWS: ADMIN }, NotAction: ["kms:Decrypt"], Resource: "*" },
      ],
    };
    expect(policyIntent([live(handWritten)], keyFor(SYMMETRIC))).toEqual({
      kind: "raw",
      policyJson: JSON.stringify(handWritten, null, 2),
      reason: "planton's policy fields do not reproduce it exactly, so as intent it would change on the next apply",
    });
  });

  it("does not offer an extra statement a manifest may not hold (kms:*): the policy stays raw", () => {
    const rootOnly = { Version: "2012-10-17", Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] };
    expect(policyIntent([live(rootOnly)], keyFor(SYMMETRIC)).kind).toBe("raw");
  });

  it("keeps a policy with another document Id, or a statement without a Sid, raw: the provider would see a change", () => {
    const renamed = { ...defaultPolicy(TARGET), Id: "key-default-policy" };
    expect(policyIntent([live(renamed)], keyFor(SYMMETRIC)).kind).toBe("raw");
    const doc = JSON.parse(deployed({ ...SYMMETRIC, policy: { adminRole: ADMIN } }).text) as { Statement: Record<string, unknown>[] };
    const noSid = { ...doc, Statement: doc.Statement.map(({ Sid: _sid, ...rest }) => rest) };
    expect(policyIntent([live(noSid)], keyFor(SYMMETRIC)).kind).toBe("raw");
  });

  it("reads a statement of planton's shape under another Sid as an extra statement with that Sid, when a manifest may hold it", () => {
    const renamed = (base: JsonObject) => {
      const doc = JSON.parse(deployed({ ...base, policy: { adminRole: ADMIN, usageRoles: [USER] } }).text) as { Statement: Record<string, unknown>[] };
      return live({ ...doc, Statement: doc.Statement.map((s) => (s["Sid"] === "KeyUsage" ? { ...s, Sid: "AppUse" } : s)) });
    };
    // A signing key's usage actions are plain names; a symmetric key's (kms:GenerateDataKey*) are wildcards, which extra statements refuse.
    expect(policyIntent([renamed(SIGNING)], keyFor(SIGNING))).toMatchObject({ kind: "intent", policy: { adminRole: ADMIN, extraStatements: [{ sid: "AppUse", principals: [USER] }] } });
    expect(policyIntent([renamed(SYMMETRIC)], keyFor(SYMMETRIC)).kind).toBe("raw");
  });

  it("needs every replica's policy reproduced too", () => {
    const base = { ...SYMMETRIC, multiRegion: true, replicaRegions: ["eu-west-1"] };
    const policy = { adminRole: ADMIN, services: [{ service: "s3" }] };
    const primary = deployed({ ...base, policy });
    expect(policyIntent([primary, deployed({ ...base, policy }, "eu-west-1")], keyFor(base))).toEqual({ kind: "intent", policy });
    // A replica whose policy is the primary's word for word names the wrong region's S3 endpoint.
    expect(policyIntent([primary, { ...primary, target: { ...TARGET, region: "eu-west-1" } }], keyFor(base)).kind).toBe("raw");
  });

  it("keeps a policy that is not JSON raw, saying so", () => {
    const intent = policyIntent([{ target: TARGET, text: "not json" }], keyFor(SYMMETRIC));
    expect(intent).toMatchObject({ kind: "raw", policyJson: "not json" });
  });
});
