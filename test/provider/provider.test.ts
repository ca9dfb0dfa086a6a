/**
 * The test aws provider's Key / Alias / ReplicaKey operations, called directly
 * against two local-kms emulators (us-east-1, eu-west-1).
 * Skipped (with a message) when the local-kms binary has not been built yet.
 */
import {
  DescribeKeyCommand, DisableKeyCommand, GetKeyPolicyCommand, KMSClient, ListAliasesCommand, ListKeysCommand,
  ListResourceTagsCommand,
} from "@aws-sdk/client-kms";
import { ProviderConfig } from "./src/config";
import { makeProvider } from "./src/provider";
import { LocalKms, localKmsBinary, startLocalKms } from "./emulator";

const bin = localKmsBinary();
const describeKms = bin ? describe : describe.skip;
if (!bin) {
  console.warn("SKIP test/provider: local-kms binary not found (run scripts/build-tools or set PLANTON_LOCAL_KMS_BIN)");
}

const URN = (type: string, name: string) => `urn:pulumi:test::planton::${type}::${name}`;
const KEY = URN("aws:kms/key:Key", "k");
const ALIAS = URN("aws:kms/alias:Alias", "a");
const REPLICA = URN("aws:kms/replicaKey:ReplicaKey", "r");

describeKms("test aws provider against local-kms", () => {
  let east: LocalKms;
  let west: LocalKms;
  let cfg: ProviderConfig = { region: "us-east-1", defaultTags: {} };
  const provider = makeProvider(() => cfg);
  const saved = { ...process.env };
  const client = (k: LocalKms) =>
    new KMSClient({ region: k.region, endpoint: k.url, credentials: { accessKeyId: "x", secretAccessKey: "y" } });

  beforeAll(async () => {
    [east, west] = await Promise.all([startLocalKms(bin!, "us-east-1"), startLocalKms(bin!, "eu-west-1")]);
    process.env["PLANTON_SANDBOX_KMS_ENDPOINTS"] = `us-east-1=${east.url},eu-west-1=${west.url}`;
    process.env["AWS_ACCESS_KEY_ID"] = "AKIATESTTESTTEST";
    process.env["AWS_SECRET_ACCESS_KEY"] = "test-secret";
    delete process.env["AWS_ENDPOINT_URL_KMS"];
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await Promise.all([east?.stop(), west?.stop()]);
  });

  beforeEach(() => {
    cfg = { region: "us-east-1", defaultTags: {} };
  });

  async function createKey(news: Record<string, unknown>) {
    const checked = await provider.check!(KEY, {}, news);
    expect(checked.failures ?? []).toEqual([]);
    const created = await provider.create!(KEY, checked.inputs);
    return { inputs: checked.inputs, id: created.id, outs: created.outs };
  }

  test("Check applies the real provider's defaults and rejects invalid inputs", async () => {
    const ok = await provider.check!(KEY, {}, { description: "d" });
    expect(ok.inputs).toMatchObject({
      deletionWindowInDays: 30, isEnabled: true, keyUsage: "ENCRYPT_DECRYPT",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT", enableKeyRotation: false, bypassPolicyLockoutSafetyCheck: false,
    });
    const bad = await provider.check!(KEY, {}, {
      deletionWindowInDays: 3, keyUsage: "NOPE", customerMasterKeySpec: "AES_9", policy: "{not json", rotationPeriodInDays: 10,
    });
    expect(bad.failures!.map((f) => f.property).sort()).toEqual(
      ["customerMasterKeySpec", "deletionWindowInDays", "keyUsage", "policy", "rotationPeriodInDays"]);
    const badAlias = await provider.check!(ALIAS, {}, { name: "nope", targetKeyId: "x" });
    expect(badAlias.failures!.map((f) => f.property)).toEqual(["name"]);
    const noArn = await provider.check!(REPLICA, {}, { primaryKeyArn: "key-id" });
    expect(noArn.failures!.map((f) => f.property)).toEqual(["primaryKeyArn"]);
  });

  test("Key: create, no-op diff, in-place updates, replacement diffs, drift, delete", async () => {
    const { inputs, id, outs } = await createKey({ description: "one", tags: { team: "a" }, enableKeyRotation: true });
    expect(outs).toMatchObject({
      keyId: id, arn: `arn:aws:kms:us-east-1:111122223333:key/${id}`, description: "one", isEnabled: true,
      enableKeyRotation: true, rotationPeriodInDays: 365, keyUsage: "ENCRYPT_DECRYPT", region: "us-east-1",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT", tags: { team: "a" }, tagsAll: { team: "a" }, deletionWindowInDays: 30,
    });
    expect(JSON.parse(outs.policy).Statement[0].Effect).toBe("Allow");
    expect((await provider.diff(id, KEY, outs, inputs)).changes).toBe(false);

    // In-place update.
    const news = (await provider.check!(KEY, inputs, {
      description: "two", tags: { team: "b", env: "dev" }, enableKeyRotation: false, isEnabled: false,
    })).inputs;
    const d = await provider.diff(id, KEY, outs, news);
    expect(d).toMatchObject({ changes: true, replaces: [] });
    expect(d.diffs.sort()).toEqual(["description", "enableKeyRotation", "isEnabled", "tags"]);
    const updated = (await provider.update!(id, KEY, outs, news)).outs;
    expect(updated).toMatchObject({
      description: "two", isEnabled: false, enableKeyRotation: false, tags: { team: "b", env: "dev" },
    });
    const live = await client(east).send(new DescribeKeyCommand({ KeyId: id }));
    expect(live.KeyMetadata).toMatchObject({ Description: "two", Enabled: false });

    // Replacement properties.
    for (const [prop, value] of [["keyUsage", "SIGN_VERIFY"], ["customerMasterKeySpec", "RSA_2048"], ["multiRegion", true]] as const) {
      const r = await provider.diff(id, KEY, updated, { ...news, [prop]: value });
      expect(r.replaces).toEqual([prop]);
      expect(r.detailedDiff[prop]!.kind).toBe("UPDATE_REPLACE");
    }

    // Policy: equivalent JSON is no change; a new policy is applied with PutKeyPolicy.
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "x", Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }] });
    const withPolicy = { ...news, policy };
    const afterPolicy = (await provider.update!(id, KEY, updated, withPolicy)).outs;
    expect(JSON.parse((await client(east).send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: "default" }))).Policy!)).toEqual(JSON.parse(policy));
    expect((await provider.diff(id, KEY, afterPolicy, { ...withPolicy, policy: JSON.stringify(JSON.parse(policy), null, 2) })).changes).toBe(false);

    // Drift: enable out of band is seen by read (refresh), and the diff wants it back to disabled.
    await provider.update!(id, KEY, afterPolicy, { ...withPolicy, isEnabled: true });
    await client(east).send(new DisableKeyCommand({ KeyId: id }));
    const read = await provider.read!(id, KEY, afterPolicy);
    expect(read.id).toBe(id);
    expect(read.props.isEnabled).toBe(false);
    expect((await provider.diff(id, KEY, read.props, { ...withPolicy, isEnabled: true })).diffs).toEqual(["isEnabled"]);

    // Delete schedules deletion with the resource's window; the key then reads as gone.
    await provider.delete!(id, KEY, { ...read.props, deletionWindowInDays: 7 });
    const gone = await client(east).send(new DescribeKeyCommand({ KeyId: id }));
    expect(gone.KeyMetadata!.KeyState).toBe("PendingDeletion");
    expect(gone.KeyMetadata!.DeletionDate!.getTime() - Date.now()).toBeLessThan(8 * 86400_000);
    expect((await provider.read!(id, KEY, read.props)).id).toBeFalsy();
    await provider.delete!(id, KEY, read.props); // idempotent
  });

  test("Key: default tags from provider config go to tagsAll, not tags", async () => {
    cfg = { region: "us-east-1", defaultTags: { owner: "platform" } };
    const { id, outs } = await createKey({ tags: { team: "a" } });
    expect(outs.tags).toEqual({ team: "a" });
    expect(outs.tagsAll).toEqual({ owner: "platform", team: "a" });
    const tags = await client(east).send(new ListResourceTagsCommand({ KeyId: id }));
    expect(tags.Tags).toHaveLength(2);
    await provider.delete!(id, KEY, outs);
  });

  test("Alias: create, retarget in place, rename replaces, delete", async () => {
    const k1 = await createKey({ description: "k1" });
    const k2 = await createKey({ description: "k2" });
    const checked = await provider.check!(ALIAS, {}, { name: "alias/planton-test", targetKeyId: k1.outs.arn });
    const created = await provider.create!(ALIAS, checked.inputs);
    expect(created.id).toBe("alias/planton-test");
    expect(created.outs).toMatchObject({
      arn: "arn:aws:kms:us-east-1:111122223333:alias/planton-test", targetKeyArn: k1.outs.arn, targetKeyId: k1.outs.arn,
    });
    // A key id for the same key is no change; another key is an update; another name a replacement.
    expect((await provider.diff(created.id, ALIAS, created.outs, { ...checked.inputs, targetKeyId: k1.id })).changes).toBe(false);
    const retarget = { ...checked.inputs, targetKeyId: k2.id };
    expect(await provider.diff(created.id, ALIAS, created.outs, retarget)).toMatchObject({ changes: true, replaces: [] });
    expect((await provider.diff(created.id, ALIAS, created.outs, { ...retarget, name: "alias/other" })).replaces).toEqual(["name"]);
    const updated = (await provider.update!(created.id, ALIAS, created.outs, retarget)).outs;
    expect(updated.targetKeyArn).toBe(k2.outs.arn);
    await provider.delete!(created.id, ALIAS, updated);
    const aliases = await client(east).send(new ListAliasesCommand({}));
    expect(aliases.Aliases?.map((a) => a.AliasName)).not.toContain("alias/planton-test");
    expect((await provider.read!(created.id, ALIAS, updated)).id).toBeFalsy();
    // Auto-naming is stable across checks.
    const auto = await provider.check!(ALIAS, {}, { targetKeyId: k1.id });
    expect(auto.inputs.name).toMatch(/^alias\/a-[0-9a-f]{7}$/);
    expect((await provider.check!(ALIAS, auto.inputs, { targetKeyId: k2.id })).inputs.name).toBe(auto.inputs.name);
  });

  test("ReplicaKey: emulated in the replica region's emulator", async () => {
    const primary = await createKey({ description: "primary", multiRegion: true, enableKeyRotation: true });
    cfg = { region: "eu-west-1", defaultTags: {} };
    const checked = await provider.check!(REPLICA, {}, { primaryKeyArn: primary.outs.arn, description: "replica" });
    expect(checked.inputs).toMatchObject({ enabled: true, deletionWindowInDays: 30 });
    const created = await provider.create!(REPLICA, checked.inputs);
    expect(created.outs).toMatchObject({
      arn: `arn:aws:kms:eu-west-1:111122223333:key/${created.id}`, description: "replica", enabled: true,
      keyRotationEnabled: true, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT",
      primaryKeyArn: primary.outs.arn, region: "eu-west-1",
    });
    const listed = await client(west).send(new ListKeysCommand({}));
    expect(listed.Keys?.map((k) => k.KeyId)).toContain(created.id);
    expect((await provider.diff(created.id, REPLICA, created.outs, checked.inputs)).changes).toBe(false);
    const other = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000";
    expect((await provider.diff(created.id, REPLICA, created.outs, { ...checked.inputs, primaryKeyArn: other })).replaces)
      .toEqual(["primaryKeyArn"]);
    const updated = (await provider.update!(created.id, REPLICA, created.outs, { ...checked.inputs, description: "r2", enabled: false })).outs;
    expect(updated).toMatchObject({ description: "r2", enabled: false });
    await provider.delete!(created.id, REPLICA, updated);
    const gone = await client(west).send(new DescribeKeyCommand({ KeyId: created.id }));
    expect(gone.KeyMetadata!.KeyState).toBe("PendingDeletion");
    // A replica in the primary's own region is refused.
    cfg = { region: "us-east-1", defaultTags: {} };
    await expect(provider.create!(REPLICA, checked.inputs)).rejects.toThrow(/different region/);
  });

  test("invokes: getCallerIdentity and getRegion", async () => {
    expect((await provider.invoke!("aws:index/getCallerIdentity:getCallerIdentity", {})).outputs)
      .toMatchObject({ accountId: "111122223333" });
    expect((await provider.invoke!("aws:index/getRegion:getRegion", {})).outputs).toMatchObject({ name: "us-east-1" });
  });
});
