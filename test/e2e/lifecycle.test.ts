import {
  DescribeKeyCommand,
  DisableKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListResourceTagsCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { aliasTarget } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox, expectExit } from "./support/sandbox";

// One key through its life, checked against the emulator rather than planton's own output:
// apply, no-op preview, outputs, in-place update, guarded replacement, refresh, destroy.

jest.setTimeout(240_000);

const ALIAS = "alias/prod/rds-primary";
const STACK = "acme-prod-rds-primary";

describeE2e("planton against the sandbox: one key's lifecycle", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  let file: string;
  let keyId: string;

  beforeAll(async () => {
    kms = sandbox.kms("us-east-1");
    file = sandbox.write("key.yaml", keyManifest({ name: "rds-primary", window: 14 }));
  });

  it("outputs exits 1 with 'no stack' before the first apply", async () => {
    const run = await sandbox.planton(["outputs", "-f", file]);
    expectExit(run, 1);
    expect(run.stderr).toContain(`error: cannot read the outputs of stack ${STACK}: no stack named ${STACK}`);
    expect(run.stdout).toBe("");
  });

  it("refuses to apply off a terminal without --yes, and creates nothing", async () => {
    const run = await sandbox.planton(["apply", "-f", file]);
    expectExit(run, 1);
    expect(run.stderr).toContain(`error: cannot apply stack ${STACK}: confirmation needed but standard input is not a terminal`);
    expect(run.stderr).toContain("pass --yes");
    expect(await aliasTarget(kms, ALIAS)).toBeUndefined();
  });

  it("apply creates the key with the manifest's spec, rotation, description, tags, policy and alias", async () => {
    const started = Date.now();
    const run = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    const seconds = (Date.now() - started) / 1000;
    expectExit(run, 0);
    process.stderr.write(`e2e: planton apply of a new key took ${seconds.toFixed(1)}s\n`);
    const outputs = JSON.parse(run.stdout) as Record<string, unknown>;
    keyId = outputs["keyId"] as string;
    expect(run.stderr).toContain("  created key (aws:kms/key:Key)");
    expect(run.stderr).toContain(`  ok      ${STACK} (${file}): 2 created`);

    const key = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(key.KeySpec).toBe("SYMMETRIC_DEFAULT");
    expect(key.KeyUsage).toBe("ENCRYPT_DECRYPT");
    expect(key.Description).toBe("Production RDS cluster encryption key");
    expect(key.Enabled).toBe(true);
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true);
    const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags ?? [];
    expect(Object.fromEntries(tags.map((t) => [t.TagKey, t.TagValue]))).toMatchObject({ CostCenter: "1234", "planton:name": "rds-primary" });
    const policy = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))).Policy!) as {
      Statement: { Principal?: { AWS?: string | string[] } }[];
    };
    const principals = policy.Statement.flatMap((s) => [s.Principal?.AWS ?? []].flat());
    expect(principals).toEqual(expect.arrayContaining(["arn:aws:iam::111122223333:role/SecurityAdmin", "arn:aws:iam::111122223333:role/RDSServiceRole"]));
    expect(await aliasTarget(kms, ALIAS)).toBe(keyId);
  });

  it("a second preview reports no changes: --detailed-exitcode exits 0", async () => {
    const run = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("No changes. The stack matches the manifest.");
  });

  it("outputs -o json prints the StackOutputs document and nothing else", async () => {
    const run = await sandbox.planton(["outputs", "-f", file, "-o", "json"]);
    expectExit(run, 0);
    const key = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(JSON.parse(run.stdout)).toEqual({
      keyId,
      keyArn: key.Arn,
      aliasName: ALIAS,
      aliasArn: `arn:aws:kms:us-east-1:111122223333:${ALIAS}`,
      rotationEnabled: true,
      region: "us-east-1",
      replicaKeyArns: {},
    });
  });

  it("an in-place change shows as an update (exit 2) and updates the same key", async () => {
    const preview = await sandbox.planton(["preview", "-f", file, "--set", "spec.description=Primary RDS key", "--detailed-exitcode"]);
    expectExit(preview, 2);
    expect(preview.stdout).toContain('  ~ update in place key (aws:kms/key:Key)');
    expect(preview.stdout).toMatch(/~ description +\= "Production RDS cluster encryption key" → "Primary RDS key"/);
    expect(preview.stdout).toContain("Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.");

    sandbox.write("key.yaml", keyManifest({ name: "rds-primary", window: 14, description: "Primary RDS key" }));
    const apply = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(apply, 0);
    expect((JSON.parse(apply.stdout) as { keyId: string }).keyId).toBe(keyId);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.Description).toBe("Primary RDS key");
  });

  it("refuses a keySpec change without --allow-replace, and the key survives", async () => {
    sandbox.write("key.yaml", keyManifest({ name: "rds-primary", window: 14, description: "Primary RDS key", keySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT", enableRotation: false }));
    const preview = await sandbox.planton(["preview", "-f", file]);
    expectExit(preview, 1);
    expect(preview.stdout).toMatch(/~ customerMasterKeySpec = "SYMMETRIC_DEFAULT" → "RSA_2048" \(forces replacement\)/);
    expect(preview.stderr).toContain('spec.keySpec: changing customerMasterKeySpec (SYMMETRIC_DEFAULT → RSA_2048) replaces KMS key "key"');
    expect(preview.stderr).toContain("data encrypted under it becomes undecryptable once it is deleted");

    const apply = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(apply, 1);
    expect(apply.stderr).toContain(`error: cannot apply stack ${STACK}: the plan replaces or deletes a KMS key`);
    const key = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(key.KeyState).toBe("Enabled");
    expect(key.KeySpec).toBe("SYMMETRIC_DEFAULT");
    expect(await aliasTarget(kms, ALIAS)).toBe(keyId);
  });

  it("replaces the key with --allow-replace and moves the alias to the new key", async () => {
    sandbox.write("key.yaml", keyManifest({ name: "rds-primary", window: 14, description: "Primary RDS key", multiRegion: true }));
    const refused = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(refused, 1);
    expect(refused.stderr).toContain('spec.multiRegion: changing multiRegion (false → true) replaces KMS key "key"');
    // A multi-Region key's admins also get kms:ReplicateKey: the policy broadens too.
    const apply = await sandbox.planton(["apply", "-f", file, "--yes", "--allow-replace", "--allow-broadening", "-o", "json"]);
    expectExit(apply, 0);
    const newKeyId = (JSON.parse(apply.stdout) as { keyId: string }).keyId;
    expect(newKeyId).not.toBe(keyId);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: newKeyId }))).KeyMetadata!.KeyState).toBe("Enabled");
    const old = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(old.KeyState).toBe("PendingDeletion");
    // Progress names the old key and when it becomes unrecoverable, as destroy does.
    expect(apply.stderr).toContain(`scheduled deletion of replaced key (aws:kms/key:Key): key ${keyId}, unrecoverable after `);
    expect(apply.stderr).not.toMatch(/deleted replaced key/);
    expect(await aliasTarget(kms, ALIAS)).toBe(newKeyId);
    keyId = newKeyId;
  });

  // KMS refuses to repoint an alias at a key of another type or usage: the alias is re-created.
  it("replaces a symmetric key by an RSA key with --allow-replace, and the alias follows it", async () => {
    sandbox.write("key.yaml", keyManifest({ name: "rds-primary", window: 14, description: "Primary RDS key", multiRegion: true, keySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT", enableRotation: false }));
    const apply = await sandbox.planton(["apply", "-f", file, "--yes", "--allow-replace", "--allow-broadening", "-o", "json"]);
    expectExit(apply, 0);
    const newKeyId = (JSON.parse(apply.stdout) as { keyId: string }).keyId;
    expect(newKeyId).not.toBe(keyId);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: newKeyId }))).KeyMetadata!.KeySpec).toBe("RSA_2048");
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("PendingDeletion");
    expect(await aliasTarget(kms, ALIAS)).toBe(newKeyId);
    keyId = newKeyId;
  });

  it("refresh notices a key disabled out of band", async () => {
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    const run = await sandbox.planton(["refresh", "-f", file]);
    expectExit(run, 0);
    expect(run.stdout).toContain(`Stack ${STACK}: changed outside planton since the last apply:`);
    expect(run.stdout).toMatch(/~ isEnabled = true → false/);
    const preview = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(preview, 2);
    expect(preview.stdout).toMatch(/~ isEnabled += false → true/);
  });

  it("destroy shows the unrecoverable date and schedules deletion with the manifest's window", async () => {
    const run = await sandbox.planton(["destroy", "-f", file, "--yes"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("key (aws:kms/key:Key): scheduled for deletion in 14 days; unrecoverable after ");
    const key = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(key.KeyState).toBe("PendingDeletion");
    const days = (key.DeletionDate!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThan(14.1);
    expect(await aliasTarget(kms, ALIAS)).toBeUndefined();
  });
});
