import { clone, create } from "@bufbuild/protobuf";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { AwsKmsKeyPolicySpecSchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { buildPolicy } from "../../src/policy/build-policy";
import { sentPolicyJson } from "../../src/policy/policy-json";
import { createProgram } from "../../src/program/create-program";
import { allExampleKeys, exampleKey } from "./example-keys";
import { MOCK_ACCOUNT, runWithMocks, type MockRun, type Registration } from "./run-with-mocks";

const KEY = "aws:kms/key:Key";
const REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";
const ALIAS = "aws:kms/alias:Alias";
const PROVIDER = "pulumi:providers:aws";

/** A copy of `key` with its spec changed by `edit`, as `--set` would. */
function edited(key: AwsKmsKey, edit: (spec: NonNullable<AwsKmsKey["spec"]>) => void): AwsKmsKey {
  const copy = clone(AwsKmsKeySchema, key);
  edit(copy.spec!);
  return copy;
}

function registered(run: MockRun, type: string, name: string): Registration {
  const found = run.registrations.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`${type} ${name} was not registered; got ${run.registrations.map((r) => r.name).join(", ")}`);
  return found;
}

/** Every registration as `type name`, sorted (registration order depends on promise timing). */
function registeredNames(run: MockRun): string[] {
  return run.registrations.map((r) => `${r.type} ${r.name}`).sort();
}

function expectedPolicy(key: AwsKmsKey, region: string, partition = "aws"): string {
  return sentPolicyJson(buildPolicy(key, { accountId: MOCK_ACCOUNT, partition, region }));
}

// The AWS provider sends its config to the engine as strings (JSON for objects and booleans).
function providerConfig(r: Registration): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(r.inputs).map(([k, v]) => {
      if (typeof v !== "string") return [k, v];
      try {
        return [k, JSON.parse(v)];
      } catch {
        return [k, v];
      }
    }),
  );
}

describe("createProgram: the contract's example (prod-rds-primary.yaml)", () => {
  const key = exampleKey("prod-rds-primary.yaml");
  let run: MockRun;
  beforeAll(async () => {
    run = await runWithMocks(createProgram(key, {}));
  });

  it("registers exactly a provider, the key and its alias", () => {
    expect(registeredNames(run)).toEqual([
      `${ALIAS} alias`,
      `${KEY} key`,
      `${PROVIDER} primary`,
    ]);
  });

  it("pins the primary provider to spec.region without endpoint overrides", () => {
    const config = providerConfig(registered(run, PROVIDER, "primary"));
    expect(config["region"]).toBe("us-east-1");
    expect(config["endpoints"]).toBeUndefined();
    expect(config["profile"]).toBeUndefined();
  });

  it("creates the key with every manifest field, identity tags and the generated policy", () => {
    const k = registered(run, KEY, "key");
    expect(k.inputs).toEqual({
      description: "Production RDS cluster encryption key",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      isEnabled: true,
      multiRegion: false,
      bypassPolicyLockoutSafetyCheck: false,
      policy: expectedPolicy(key, "us-east-1"),
      tags: {
        "planton:name": "prod-rds-primary",
        "planton:org": "acme",
        "planton:env": "prod",
        "planton:kind": "AwsKmsKey",
      },
    });
  });

  it("resolves the policy's account from the caller identity and keeps the user's principals", () => {
    const policy = JSON.parse(String(registered(run, KEY, "key").inputs["policy"]));
    expect(JSON.stringify(policy)).toContain("arn:aws:iam::123456789012:role/SecurityAdmin");
    expect(JSON.stringify(policy)).toContain("arn:aws:iam::123456789012:role/RDSServiceRole");
    expect(run.invokes).toEqual([{ token: "aws:index/getCallerIdentity:getCallerIdentity", provider: "primary" }]);
  });

  it("deploys the key and alias through the explicit provider, unprotected", () => {
    for (const r of [registered(run, KEY, "key"), registered(run, ALIAS, "alias")]) {
      expect(r).toMatchObject({ provider: "primary", protect: false, retainOnDelete: false });
    }
  });

  it("points the alias at the key", () => {
    const alias = registered(run, ALIAS, "alias");
    expect(alias.inputs).toEqual({ name: "alias/prod/rds-primary", targetKeyId: "key1" });
    expect(alias.dependsOn).toEqual(["key"]);
  });

  it("re-creates the alias rather than repointing it when its key is replaced (KMS refuses a new key type)", () => {
    const alias = registered(run, ALIAS, "alias");
    expect(alias).toMatchObject({ replaceOnChanges: ["targetKeyId"], deleteBeforeReplace: true });
    expect(registered(run, KEY, "key")).toMatchObject({ replaceOnChanges: [], deleteBeforeReplace: false });
  });

  it("returns the stack outputs under AwsKmsKeyStackOutputs' JSON names", () => {
    expect(run.outputs).toEqual({
      keyId: "key1",
      keyArn: `arn:aws:kms:us-east-1:${MOCK_ACCOUNT}:key/key1`,
      aliasName: "alias/prod/rds-primary",
      aliasArn: `arn:aws:kms:us-east-1:${MOCK_ACCOUNT}:alias/prod/rds-primary`,
      rotationEnabled: true,
      region: "us-east-1",
      replicaKeyArns: {},
    });
  });
});

describe("createProgram: a multi-Region key with a replica in eu-west-1 (multi-region.yaml)", () => {
  const key = exampleKey("multi-region.yaml");
  let run: MockRun;
  beforeAll(async () => {
    run = await runWithMocks(createProgram(key, {}));
  });

  it("adds a provider, a replica key and an alias for the replica region", () => {
    expect(registeredNames(run)).toEqual([
      `${ALIAS} alias`,
      `${ALIAS} alias-eu-west-1`,
      `${KEY} key`,
      `${REPLICA_KEY} replica-eu-west-1`,
      `${PROVIDER} primary`,
      `${PROVIDER} provider-eu-west-1`,
    ]);
    expect(providerConfig(registered(run, PROVIDER, "provider-eu-west-1"))["region"]).toBe("eu-west-1");
  });

  it("creates a multi-Region primary", () => {
    expect(registered(run, KEY, "key").inputs).toMatchObject({ multiRegion: true, deletionWindowInDays: 30 });
  });

  it("replicates the primary with its own policy, the same window, state and tags", () => {
    const replica = registered(run, REPLICA_KEY, "replica-eu-west-1");
    expect(replica.inputs).toEqual({
      primaryKeyArn: `arn:aws:kms:us-east-1:${MOCK_ACCOUNT}:key/mrk-key1`,
      description: "Orders data, replicated to Europe",
      deletionWindowInDays: 30,
      enabled: true,
      bypassPolicyLockoutSafetyCheck: false,
      policy: expectedPolicy(key, "eu-west-1"),
      tags: {
        CostCenter: "1234",
        "planton:name": "global-orders",
        "planton:org": "acme",
        "planton:env": "prod",
        "planton:kind": "AwsKmsKey",
      },
    });
    expect(replica).toMatchObject({ provider: "provider-eu-west-1", protect: false, dependsOn: ["key"] });
  });

  it("gives the replica the same alias name in its region", () => {
    const alias = registered(run, ALIAS, "alias-eu-west-1");
    expect(alias.inputs).toEqual({ name: "alias/global-orders", targetKeyId: "mrk-key1" });
    expect(alias).toMatchObject({
      provider: "provider-eu-west-1",
      dependsOn: ["replica-eu-west-1"],
      replaceOnChanges: ["targetKeyId"],
      deleteBeforeReplace: true,
    });
  });

  it("outputs the replica ARN by region", () => {
    expect(run.outputs["replicaKeyArns"]).toEqual({ "eu-west-1": `arn:aws:kms:eu-west-1:${MOCK_ACCOUNT}:key/mrk-key1` });
    expect(run.outputs["keyId"]).toBe("mrk-key1");
  });
});

describe("createProgram: multi-region.yaml with deletionProtection and RDS access", () => {
  const key = edited(exampleKey("multi-region.yaml"), (spec) => {
    spec.deletionProtection = true;
    spec.policy = create(AwsKmsKeyPolicySpecSchema, {
      adminRole: "arn:aws:iam::123456789012:role/SecurityAdmin",
      services: [{ service: "rds" }],
    });
  });
  let run: MockRun;
  beforeAll(async () => {
    run = await runWithMocks(createProgram(key, {}));
  });

  it("protects the key, the replica and their aliases (so a refused destroy deletes nothing), not the providers", () => {
    expect(registered(run, KEY, "key").protect).toBe(true);
    expect(registered(run, REPLICA_KEY, "replica-eu-west-1").protect).toBe(true);
    expect(registered(run, ALIAS, "alias").protect).toBe(true);
    expect(registered(run, ALIAS, "alias-eu-west-1").protect).toBe(true);
    expect(registered(run, PROVIDER, "primary").protect).toBe(false);
  });

  it("generates a policy per region (kms:ViaService names the region's RDS endpoint)", () => {
    expect(registered(run, KEY, "key").inputs["policy"]).toBe(expectedPolicy(key, "us-east-1"));
    expect(registered(run, KEY, "key").inputs["policy"]).toContain("rds.us-east-1.amazonaws.com");
    expect(registered(run, REPLICA_KEY, "replica-eu-west-1").inputs["policy"]).toBe(expectedPolicy(key, "eu-west-1"));
    expect(registered(run, REPLICA_KEY, "replica-eu-west-1").inputs["policy"]).toContain("rds.eu-west-1.amazonaws.com");
  });
});

describe("createProgram: defaults, signing and MAC keys", () => {
  it("deploys the minimal manifest with the defaults and only planton's identity tags", async () => {
    const run = await runWithMocks(createProgram(exampleKey("minimal.yaml"), {}));
    expect(registered(run, KEY, "key").inputs).toMatchObject({
      description: "",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      isEnabled: true,
      multiRegion: false,
      tags: { "planton:name": "minimal-key", "planton:kind": "AwsKmsKey" },
    });
    expect(registered(run, ALIAS, "alias").inputs["name"]).toBe("alias/minimal-key");
    expect(run.outputs["region"]).toBe("us-east-1");
  });

  it("deploys an RSA signing key without rotation and without a rotation period", async () => {
    const run = await runWithMocks(createProgram(exampleKey("signing-rsa.yaml"), {}));
    const inputs = registered(run, KEY, "key").inputs;
    expect(inputs).toMatchObject({ customerMasterKeySpec: "RSA_4096", keyUsage: "SIGN_VERIFY", enableKeyRotation: false });
    expect(inputs).not.toHaveProperty("rotationPeriodInDays");
    expect(inputs["tags"]).toEqual({
      "planton:name": "release-signing",
      "planton:org": "acme",
      "planton:env": "prod",
      "planton:kind": "AwsKmsKey",
    });
    expect(registered(run, ALIAS, "alias").inputs["name"]).toBe("alias/release/signing");
    expect(run.outputs["rotationEnabled"]).toBe(false);
  });

  it("deploys an HMAC key with the MAC usage and the manifest's tags", async () => {
    const run = await runWithMocks(createProgram(exampleKey("hmac.yaml"), {}));
    expect(registered(run, KEY, "key").inputs).toMatchObject({
      customerMasterKeySpec: "HMAC_256",
      keyUsage: "GENERATE_VERIFY_MAC",
      enableKeyRotation: false,
      isEnabled: true,
      tags: { team: "integrations", "planton:name": "webhook-hmac", "planton:env": "prod", "planton:kind": "AwsKmsKey" },
    });
  });

  it("deploys a disabled key as disabled, and its replicas too", async () => {
    const key = edited(exampleKey("multi-region.yaml"), (spec) => (spec.enabled = false));
    const run = await runWithMocks(createProgram(key, {}));
    expect(registered(run, KEY, "key").inputs["isEnabled"]).toBe(false);
    expect(registered(run, REPLICA_KEY, "replica-eu-west-1").inputs["enabled"]).toBe(false);
  });
});

describe("createProgram: options", () => {
  const key = exampleKey("multi-region.yaml");

  it("sends a custom endpoint to the primary provider only, with the checks real AWS needs turned off", async () => {
    const run = await runWithMocks(createProgram(key, { endpointUrl: "http://localhost:4566", profile: "dev" }));
    const primary = providerConfig(registered(run, PROVIDER, "primary"));
    expect(primary).toMatchObject({
      region: "us-east-1",
      profile: "dev",
      endpoints: [{ kms: "http://localhost:4566" }],
      skipCredentialsValidation: true,
      skipMetadataApiCheck: true,
      skipRegionValidation: true,
      skipRequestingAccountId: true,
    });
    const replica = providerConfig(registered(run, PROVIDER, "provider-eu-west-1"));
    expect(replica).toMatchObject({ region: "eu-west-1", profile: "dev", skipCredentialsValidation: true });
    expect(replica["endpoints"]).toBeUndefined();
  });

  it("bounds every create, update and delete of every key, replica and alias (customTimeouts), 120 s unless told", async () => {
    const resources = (run: MockRun) => run.registrations.filter((r) => r.type !== PROVIDER);
    const byDefault = await runWithMocks(createProgram(key, {}));
    expect(resources(byDefault)).toHaveLength(4);
    for (const r of resources(byDefault)) expect([r.name, r.customTimeouts]).toEqual([r.name, { create: "120s", update: "120s", delete: "120s" }]);
    const told = await runWithMocks(createProgram(key, { timeoutSeconds: 7 }));
    for (const r of resources(told)) expect([r.name, r.customTimeouts]).toEqual([r.name, { create: "7s", update: "7s", delete: "7s" }]);
  });

  it("keeps the bound on resources it adopts (planton import)", async () => {
    const adopt = { keyId: "k1", alias: "alias/x", tags: {}, replicas: { "eu-west-1": { keyId: "k2", tags: {} } } };
    const run = await runWithMocks(createProgram(key, { adopt, timeoutSeconds: 9 }));
    expect(registered(run, KEY, "key").customTimeouts).toEqual({ create: "9s", update: "9s", delete: "9s" });
    expect(registered(run, REPLICA_KEY, "replica-eu-west-1").customTimeouts).toEqual({ create: "9s", update: "9s", delete: "9s" });
  });

  it("limits every provider's retries of a failed AWS request to 5 (the provider's own default is 25)", async () => {
    const run = await runWithMocks(createProgram(key, { endpointUrl: "http://localhost:4566" }));
    expect(providerConfig(registered(run, PROVIDER, "primary"))["maxRetries"]).toBe(5);
    expect(providerConfig(registered(run, PROVIDER, "provider-eu-west-1"))["maxRetries"]).toBe(5);
  });

  it("reads the partition off the caller's ARN", async () => {
    const run = await runWithMocks(createProgram(key, {}), `arn:aws-cn:iam::${MOCK_ACCOUNT}:user/deployer`);
    expect(registered(run, KEY, "key").inputs["policy"]).toBe(expectedPolicy(key, "us-east-1", "aws-cn"));
  });
});

describe("createProgram: every manifest in examples/", () => {
  it.each(allExampleKeys())("%s deploys the key, its alias and one provider, replica and alias per replica region", async (_name, key) => {
    const spec = key.spec!;
    const run = await runWithMocks(createProgram(key, {}));
    const replicaNames = spec.replicaRegions.flatMap((r) => [`${PROVIDER} provider-${r}`, `${REPLICA_KEY} replica-${r}`, `${ALIAS} alias-${r}`]);
    expect(registeredNames(run)).toEqual(
      [`${PROVIDER} primary`, `${KEY} key`, `${ALIAS} alias`, ...replicaNames].sort(),
    );
    const k = registered(run, KEY, "key");
    expect(k).toMatchObject({ provider: "primary", protect: spec.deletionProtection, retainOnDelete: false });
    expect(registered(run, ALIAS, "alias")).toMatchObject({ provider: "primary", protect: spec.deletionProtection });
    expect(k.inputs["policy"]).toBe(expectedPolicy(key, spec.region));
    expect(k.inputs["tags"]).toMatchObject({ ...spec.tags, "planton:name": key.metadata!.name, "planton:kind": "AwsKmsKey" });
    expect(registered(run, ALIAS, "alias").inputs["name"]).toBe(spec.alias);
    for (const r of spec.replicaRegions) {
      const replica = registered(run, REPLICA_KEY, `replica-${r}`);
      expect(replica).toMatchObject({ provider: `provider-${r}`, protect: spec.deletionProtection });
      expect(replica.inputs["policy"]).toBe(expectedPolicy(key, r));
      expect(registered(run, ALIAS, `alias-${r}`).inputs["name"]).toBe(spec.alias);
    }
    expect(Object.keys(run.outputs).sort()).toEqual(
      ["aliasArn", "aliasName", "keyArn", "keyId", "region", "replicaKeyArns", "rotationEnabled"],
    );
    expect(Object.keys(run.outputs["replicaKeyArns"] as object).sort()).toEqual([...spec.replicaRegions].sort());
  });
});
