import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
  type KeySpec,
  type KeyUsageType,
} from "@aws-sdk/client-kms";
import { CONSOLE_POLICY } from "../adopt/console-policy";
import { ACCOUNT, ADMIN, USER } from "../policy/keys";
import { aliasTarget } from "./support/live-keys";
import { describeE2e, useSandbox, expectExit, type RunResult } from "./support/sandbox";

// planton import against keys made directly in the emulator with the AWS SDK, the way the console
// or a script makes them. After each import: the manifest it printed previews with nothing to
// change but planton's identity tags, and applying it keeps the key (same id, alias, policy).
// local-kms has no multi-Region keys (it drops MultiRegion and has no ReplicateKey) and refuses
// alias/aws/ names, so replicas and AWS managed keys are covered by the unit tests only.

jest.setTimeout(300_000);

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;


/** AWS's default key policy, as CreateKey without a policy writes it in AWS. */
const DEFAULT_POLICY = {
  Version: "2012-10-17",
  Id: "key-default-1",
  Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" }],
};

interface MadeKey {
  readonly keyId: string;
  readonly arn: string;
}

describeE2e("planton import against the sandbox", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;

  beforeAll(() => (kms = sandbox.kms("us-east-1")));

  async function makeKey(options: { policy: object; alias?: string; keySpec?: string; keyUsage?: string; rotate?: boolean; tags?: Record<string, string>; description?: string }): Promise<MadeKey> {
    const created = await kms.send(new CreateKeyCommand({
      Description: options.description ?? "",
      KeySpec: (options.keySpec ?? "SYMMETRIC_DEFAULT") as KeySpec,
      KeyUsage: (options.keyUsage ?? "ENCRYPT_DECRYPT") as KeyUsageType,
      Policy: JSON.stringify(options.policy),
      Tags: Object.entries(options.tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
    }));
    const keyId = created.KeyMetadata?.KeyId ?? "";
    if (options.rotate) await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
    if (options.alias) await kms.send(new CreateAliasCommand({ AliasName: options.alias, TargetKeyId: keyId }));
    return { keyId, arn: created.KeyMetadata?.Arn ?? "" };
  }

  async function tags(keyId: string): Promise<Record<string, string>> {
    const listed = await kms.send(new ListResourceTagsCommand({ KeyId: keyId }));
    return Object.fromEntries((listed.Tags ?? []).map((t) => [t.TagKey, t.TagValue]));
  }

  function stacks(): string[] {
    const dir = join(fileURLToPath(sandbox.env["PULUMI_BACKEND_URL"] ?? ""), ".pulumi", "stacks", "planton");
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")) : [];
  }

  /** The preview right after an import: exit 2, and the only change is planton's identity tags on the key. */
  function expectOnlyIdentityTags(preview: RunResult, name: string): void {
    expectExit(preview, 2);
    expect(preview.stdout).toContain("~ update in place key (aws:kms/key:Key)");
    expect(preview.stdout).toContain(`+ tags["planton:name"] = "${name}" (planton identity tag)`);
    expect(preview.stdout).toContain("Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.");
    const changed = preview.stdout.split("\n").filter((line) => /^\s+[+~-] /.test(line) && !line.includes("update in place key"));
    expect(changed.filter((line) => !line.includes("(planton identity tag)"))).toEqual([]);
  }

  it("adopts a console-made symmetric key with rotation, tags and an alias, keeping its console policy raw; apply keeps the key id", async () => {
    const key = await makeKey({ policy: CONSOLE_POLICY, alias: "alias/prod/payments", rotate: true, tags: { team: "payments" }, description: "Payments data" });
    const imported = await sandbox.planton(["import", "--key-id", "alias/prod/payments", "--org", "acme", "--out", "payments.yaml"]);
    expectExit(imported, 0);
    expect(imported.stdout).toBe("");
    expect(imported.stderr).toContain(`imported ${key.arn} into stack acme-prod-payments; manifest written to payments.yaml`);
    expect(imported.stderr).toContain("note: the first apply adds planton's identity tags (planton:name, planton:kind and planton:org/env when set) to the key; nothing else changes");
    const manifest = readFileSync(join(sandbox.dir, "payments.yaml"), "utf8");
    expect(manifest).toContain("metadata:\n  name: prod-payments\n  org: acme\nspec:\n  region: us-east-1\n  alias: alias/prod/payments\n  description: Payments data\n");
    expect(manifest).toContain("  enableRotation: true\n  tags:\n    team: payments\n");
    expect(manifest).toContain(`  # Kept as raw JSON: this is the AWS console's default key policy (the account root; key administrators ${ADMIN}; key users ${USER}; grants for AWS resources ${USER})`);
    expect(manifest).toContain("    policyJson: |-\n");
    expect(stacks()).toContain("acme-prod-payments");

    expectOnlyIdentityTags(await sandbox.planton(["preview", "-f", "payments.yaml", "--detailed-exitcode"]), "prod-payments");
    const applied = await sandbox.planton(["apply", "-f", "payments.yaml", "--yes", "-o", "json"]);
    expectExit(applied, 0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ keyId: key.keyId, keyArn: key.arn, aliasName: "alias/prod/payments", rotationEnabled: true });
    expect(await aliasTarget(kms, "alias/prod/payments")).toBe(key.keyId);
    expect(await tags(key.keyId)).toEqual({ team: "payments", "planton:name": "prod-payments", "planton:org": "acme", "planton:kind": "AwsKmsKey" });
    const policy = (await kms.send(new GetKeyPolicyCommand({ KeyId: key.keyId, PolicyName: "default" }))).Policy ?? "";
    expect(JSON.parse(policy)).toEqual(CONSOLE_POLICY);
    expectExit(await sandbox.planton(["preview", "-f", "payments.yaml", "--detailed-exitcode"]), 0);
  });

  it("adopts an asymmetric signing key named by its ARN, with the AWS default policy as no policy block", async () => {
    const key = await makeKey({ policy: DEFAULT_POLICY, alias: "alias/release-signing", keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
    const imported = await sandbox.planton(["import", "--key-id", key.arn, "--name", "signer"]);
    expectExit(imported, 0);
    expect(imported.stdout).toContain("metadata:\n  name: signer\nspec:\n  region: us-east-1\n  alias: alias/release-signing\n");
    expect(imported.stdout).toContain("  keySpec: RSA_2048\n  keyUsage: SIGN_VERIFY\n  enableRotation: false\n");
    expect(imported.stdout).not.toContain("policy");
    const file = sandbox.write("signer.yaml", imported.stdout);
    expectOnlyIdentityTags(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), "signer");
    const applied = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(applied, 0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ keyId: key.keyId, aliasName: "alias/release-signing", rotationEnabled: false });
    const described = await kms.send(new DescribeKeyCommand({ KeyId: key.keyId }));
    expect(described.KeyMetadata).toMatchObject({ KeyState: "Enabled", KeySpec: "RSA_2048" });
  });

  it("reads a policy planton generated back as intent (admin, users, encryption context)", async () => {
    const spec = sandbox.write("shape.yaml", [
      "apiVersion: aws.project-planton.org/v1",
      "kind: AwsKmsKey",
      "metadata: { name: shape }",
      "spec:",
      "  region: us-east-1",
      `  policy: { adminRole: "${ADMIN}", usageRoles: ["${USER}"], encryptionContext: { App: Billing } }`,
      "",
    ].join("\n"));
    const generated = await sandbox.planton(["policy", "-f", spec, "--account-id", ACCOUNT]);
    expectExit(generated, 0);
    const key = await makeKey({ policy: JSON.parse(generated.stdout) as object, alias: "alias/billing", rotate: true });
    const imported = await sandbox.planton(["import", "--key-id", key.keyId, "-o", "json"]);
    expectExit(imported, 0);
    const document = JSON.parse(imported.stdout) as { imported: boolean; stack: string; keyId: string; manifest: string };
    expect(document).toMatchObject({ formatVersion: "2.1", imported: true, stack: "billing", keyId: key.keyId, keyArn: key.arn, region: "us-east-1", file: null, ok: true, problems: [], error: null, hint: null });
    expect(document.manifest).toContain(`  policy:\n    adminRole: ${ADMIN}\n    usageRoles:\n      - ${USER}\n    encryptionContext:\n      App: Billing\n`);
    const file = sandbox.write("billing.yaml", document.manifest);
    expectOnlyIdentityTags(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), "billing");
  });

  it("keeps a hand-written policy as raw policyJson with a comment saying why", async () => {
    const handWritten = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Admins", Effect: "Allow", Principal: { AWS: ADMIN }, NotAction: ["kms:Decrypt", "kms:Encrypt"], Resource: "*" },
        { Sid: "App", Effect: "Allow", Principal: { AWS: USER }, Action: ["kms:Decrypt"], Resource: "*" },
      ],
    };
    await makeKey({ policy: handWritten, alias: "alias/hand-written" });
    const imported = await sandbox.planton(["import", "--key-id", "alias/hand-written"]);
    expectExit(imported, 0);
    expect(imported.stdout).toContain("  # Kept as raw JSON: planton's policy fields do not reproduce it exactly, so as intent it would change on the next apply.\n  policy:\n    policyJson: |-\n");
    const file = sandbox.write("hand-written.yaml", imported.stdout);
    expectOnlyIdentityTags(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), "hand-written");
  });

  describe("refusals: a clear message, exit 1, and nothing written (no stack, no file)", () => {
    async function expectRefused(args: string[], message: string): Promise<void> {
      const before = stacks();
      const run = await sandbox.planton(["import", ...args, "--out", "refused.yaml"]);
      expectExit(run, 1);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe("");
      expect(existsSync(join(sandbox.dir, "refused.yaml"))).toBe(false);
      expect(stacks()).toEqual(before);
    }

    it("a key that does not exist", async () => {
      await expectRefused(["--key-id", "alias/no-such-key"], "error: cannot import the key alias/no-such-key: there is no such key or alias in us-east-1");
    });

    it("a key pending deletion", async () => {
      const key = await makeKey({ policy: DEFAULT_POLICY, alias: "alias/doomed" });
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: 7 }));
      await expectRefused(["--key-id", key.keyId], `error: cannot import the key ${key.keyId}: KeyState: the key is pending deletion; cancel the deletion first`);
    });

    it("a key with imported key material (Origin EXTERNAL), as out of scope", async () => {
      const created = await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL" }));
      const keyId = created.KeyMetadata?.KeyId ?? "";
      await expectRefused(["--key-id", keyId], `error: cannot import the key ${keyId}: Origin: the key has imported key material (Origin EXTERNAL); planton only manages keys whose material KMS generates, so this is out of scope`);
    });

    it("a key already in another planton stack, named by its planton:* tags", async () => {
      await expectRefused(["--key-id", "alias/prod/payments", "--name", "payments-again"], "error: cannot import the key alias/prod/payments: Tags: the key already belongs to the planton stack of name prod-payments, org acme (its planton:* tags say so)");
    });

    it("a key whose stack already exists", async () => {
      await expectRefused(["--key-id", "alias/prod/payments"], "error: cannot import the key alias/prod/payments: stack acme-prod-payments already exists");
    });

    it("with -o json, one document saying why", async () => {
      const run = await sandbox.planton(["import", "--key-id", "alias/no-such-key", "-o", "json"]);
      expectExit(run, 1);
      expect(JSON.parse(run.stdout)).toEqual({
        formatVersion: "2.1",
        imported: false,
        ok: false,
        problems: [],
        error: "cannot import the key alias/no-such-key: there is no such key or alias in us-east-1",
        hint: "pass a key id, key ARN, alias name (alias/...) or alias ARN, and --region for a key outside the default region",
      });
    });
  });

  it("a plain apply that clashes with an existing alias is refused by its preview, pointing at planton import", async () => {
    const { keyId } = await makeKey({ policy: DEFAULT_POLICY, alias: "alias/legacy/clash" });
    const keysBefore = (await kms.send(new ListKeysCommand({}))).Keys?.length;
    const file = sandbox.write("clash.yaml", "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata: { name: clash }\nspec: { region: us-east-1, alias: alias/legacy/clash }\n");
    const run = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(run, 1);
    expect(run.stderr).toContain(`error: cannot use alias/legacy/clash in us-east-1 for stack clash: it already points at key ${keyId}, which this stack does not manage\n`);
    expect(run.stderr).toContain(`import that key with \`planton import --key-id ${keyId}\``);
    // Found before anything was created: no second key.
    expect((await kms.send(new ListKeysCommand({}))).Keys?.length).toBe(keysBefore);
  });
});
