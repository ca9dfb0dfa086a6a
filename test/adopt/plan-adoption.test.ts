import type { KeyFacts } from "../../src/adopt/key-facts";
import { planAdoption } from "../../src/adopt/plan-adoption";
import { defaultPolicy } from "../../src/policy/build-policy";
import { TARGET } from "../policy/keys";
import { FACTS } from "./facts";

// Planning an adoption: who the key becomes, what is refused (one reason per property, said in
// words), what the manifest keeps, and what stays outside the stack.

function refusals(facts: Partial<KeyFacts>, request = {}): string[] {
  const plan = planAdoption({ ...FACTS, ...facts }, request);
  return plan.kind === "refused" ? plan.problems.map((p) => `${p.path}: ${p.message}`) : [];
}

describe("planAdoption", () => {
  it("names the key after its first alias and keeps every property in the manifest", () => {
    const plan = planAdoption(FACTS, {});
    if (plan.kind !== "planned") throw new Error("refused");
    expect(plan.identity).toEqual({ name: "prod-payments-main" });
    expect(plan.manifest.spec).toEqual({
      region: "us-east-1",
      alias: "alias/prod/Payments_main",
      description: "payments",
      keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enableRotation: true,
      rotationPeriodDays: 180,
      tags: { team: "payments" },
    });
    expect(plan.adoption).toEqual({ keyId: FACTS.keyId, alias: "alias/prod/Payments_main", tags: { team: "payments" }, replicas: {} });
    expect(plan.manifest.notes).toEqual([
      "the first apply adds planton's identity tags (planton:name, planton:kind and planton:org/env when set) to the key; nothing else changes",
      "planton manages one alias per key: alias/zz-legacy stays as it is, outside the stack",
    ]);
  });

  it("keeps the alias the key was named by, and takes --name, --org and --env", () => {
    const plan = planAdoption(FACTS, { alias: "alias/zz-legacy", name: "payments", org: "acme", env: "prod" });
    if (plan.kind !== "planned") throw new Error("refused");
    expect(plan.identity).toEqual({ name: "payments", org: "acme", env: "prod" });
    expect(plan.manifest.spec["alias"]).toBe("alias/zz-legacy");
    expect(plan.manifest.text).toContain("metadata:\n  name: payments\n  org: acme\n  env: prod\n");
  });

  it("says the first apply creates the default alias of a key without one", () => {
    const plan = planAdoption({ ...FACTS, aliases: [] }, {});
    if (plan.kind !== "planned") throw new Error("refused");
    expect(plan.identity.name).toBe("key-1234abcd");
    expect(plan.manifest.notes).toContain("the key has no alias; the first apply creates alias/key-1234abcd (spec.alias's default)");
  });

  it.each<[string, Partial<KeyFacts>, string]>([
    ["pending deletion", { keyState: "PendingDeletion" }, "KeyState: the key is pending deletion; cancel the deletion first (aws kms cancel-key-deletion) to keep and adopt it"],
    ["AWS managed", { keyManager: "AWS", aliases: ["alias/aws/s3"] }, "KeyManager: the key is an AWS managed key (alias/aws/...); AWS owns its policy, rotation and lifetime, so it cannot be adopted"],
    ["imported key material", { origin: "EXTERNAL" }, "Origin: the key has imported key material (Origin EXTERNAL); planton only manages keys whose material KMS generates, so this is out of scope"],
    ["a custom key store", { origin: "AWS_CLOUDHSM", customKeyStoreId: "cks-1234" }, "CustomKeyStoreId: the key lives in the custom key store cks-1234; custom key stores are out of scope for planton"],
    ["a replica", { multiRegion: true, multiRegionKeyType: "REPLICA" }, "MultiRegionConfiguration: the key is a replica of a multi-Region key; import its primary key, which brings its replicas along"],
    ["in another planton stack", { tags: { "planton:name": "billing", "planton:env": "prod" } }, "Tags: the key already belongs to the planton stack of name billing, env prod (its planton:* tags say so); manage it from that manifest, or remove those tags first if that stack is gone"],
  ])("refuses a key (%s), naming the property", (_name, facts, message) => {
    expect(refusals(facts, { name: "payments" })).toContain(message);
  });

  it("adopts a key back into the stack its planton:* tags name (state lost), keeping the tags out of spec.tags", () => {
    const plan = planAdoption({ ...FACTS, tags: { team: "payments", "planton:name": "billing", "planton:kind": "AwsKmsKey" } }, {});
    if (plan.kind !== "planned") throw new Error("refused");
    expect(plan.identity).toEqual({ name: "billing" });
    expect(plan.manifest.spec["tags"]).toEqual({ team: "payments" });
    expect(plan.adoption.tags).toEqual({ team: "payments", "planton:name": "billing", "planton:kind": "AwsKmsKey" });
  });

  it("refuses a multi-Region primary whose replica differs from it in what planton gives every replica alike", () => {
    const replica = { region: "eu-west-1", keyId: "mrk-1", arn: "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", description: "other", enabled: true, keyState: "Enabled", policy: FACTS.policy, tags: {}, aliases: [] };
    expect(refusals({ multiRegion: true, multiRegionKeyType: "PRIMARY", replicas: [replica] })).toEqual([
      "MultiRegionConfiguration: the replica in eu-west-1 differs from its primary in its description, tags; planton gives every replica the primary's, so adopting it would change it (out of scope)",
    ]);
  });

  it("imports a multi-Region primary with its replicas and their alias", () => {
    const replica = { region: "eu-west-1", keyId: "mrk-1", arn: "arn:aws:kms:eu-west-1:111122223333:key/mrk-1", description: "payments", enabled: true, keyState: "Enabled", policy: JSON.stringify(defaultPolicy({ ...TARGET, region: "eu-west-1" })), tags: { team: "payments" }, aliases: ["alias/prod/Payments_main"] };
    const plan = planAdoption({ ...FACTS, aliases: ["alias/prod/Payments_main"], multiRegion: true, multiRegionKeyType: "PRIMARY", replicas: [replica] }, {});
    if (plan.kind !== "planned") throw new Error("refused");
    expect(plan.manifest.spec).toMatchObject({ multiRegion: true, replicaRegions: ["eu-west-1"] });
    expect(plan.adoption.replicas).toEqual({ "eu-west-1": { keyId: "mrk-1", alias: "alias/prod/Payments_main", tags: { team: "payments" } } });
  });
});
