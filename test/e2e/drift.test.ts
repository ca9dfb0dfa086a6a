import { spawn } from "node:child_process";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { aliasTarget } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox, expectExit, PLANTON, type RunResult, type Sandbox } from "./support/sandbox";

// Changes made by hand in the emulator (the AWS SDK, as a person with the console would), then
// what preview, apply and refresh make of them, checked against the emulator.

jest.setTimeout(300_000);

const STACK = "acme-prod-drifty";
const ALIAS = "alias/prod/drifty";
const DESCRIPTION = "Production RDS cluster encryption key";

async function tags(kms: KMSClient, keyId: string): Promise<Record<string, string>> {
  const listed = await kms.send(new ListResourceTagsCommand({ KeyId: keyId }));
  return Object.fromEntries((listed.Tags ?? []).map((t) => [t.TagKey ?? "", t.TagValue ?? ""]));
}

/** Runs planton on a pseudo-terminal (util-linux `script`), typing `answer` at the prompt. */
function plantonAtTerminal(sandbox: Sandbox, args: readonly string[], answer: string): Promise<RunResult> {
  const command = [PLANTON, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const env = { ...sandbox.env, TERM: "dumb" };
  const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: sandbox.dir, env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let answered = false;
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (!answered && stdout.includes("Enter a value:")) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr: "" })));
}

describeE2e("planton against the sandbox: changes made outside planton", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  let file: string;
  let keyId: string;
  let otherKeyId: string;

  beforeAll(async () => {
    kms = sandbox.kms("us-east-1");
    file = sandbox.write("key.yaml", keyManifest({ name: "drifty" }));
    const run = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(run, 0);
    keyId = (JSON.parse(run.stdout) as { keyId: string }).keyId;
    otherKeyId = (await kms.send(new CreateKeyCommand({ Description: "made by hand" }))).KeyMetadata!.KeyId!;
  });

  it("preview shows description, tags, enablement, rotation and the alias target changed by hand, and exits 2", async () => {
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "edited in the console" }));
    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: "CostCenter", TagValue: "9999" }] }));
    await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    await kms.send(new UpdateAliasCommand({ AliasName: ALIAS, TargetKeyId: otherKeyId }));

    const run = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(run, 2);
    const [drift, plan] = run.stdout.split("Apply puts the manifest back where the live values differ from it:");
    expect(drift).toContain("Changed outside planton since the last apply:\n  ~ key (aws:kms/key:Key)\n");
    expect(drift).toMatch(/~ description +\= "Production RDS cluster encryption key" → "edited in the console"/);
    expect(drift).toMatch(/~ enableKeyRotation += true → false/);
    expect(drift).toMatch(/~ isEnabled += true → false/);
    expect(drift).toMatch(/~ tags\.CostCenter += "1234" → "9999"/);
    expect(drift).toContain("  ~ alias (aws:kms/alias:Alias)\n");
    expect(drift).toContain(`~ targetKeyId = "${keyId}" → "${otherKeyId}"`);
    // The plan compares the manifest with the live values: apply changes each back.
    expect(plan).toMatch(/~ description +\= "edited in the console" → "Production RDS cluster encryption key"/);
    expect(plan).toMatch(/~ isEnabled += false → true/);
    // The alias follows its key (replaced, never repointed); pointing it back is no refused retarget.
    expect(plan).toMatch(/-\/\+ replace alias \(aws:kms\/alias:Alias\)/);
  });

  it("--no-refresh plans from the state alone: no drift, no changes", async () => {
    const run = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode", "--no-refresh"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("No changes. The stack matches the manifest.");
    expect(run.stdout).not.toContain("Changed outside planton");
  });

  it("JSON and markdown carry the drift", async () => {
    const json = await sandbox.planton(["preview", "-f", file, "-o", "json"]);
    expectExit(json, 0);
    const document = JSON.parse(json.stdout) as { hasChanges: boolean; stacks: { drift: { name: string; op: string; properties: { path: string; before: unknown; after: unknown }[] }[] }[] };
    expect(document.hasChanges).toBe(true);
    const key = document.stacks[0]!.drift.find((d) => d.name === "key")!;
    expect(key.op).toBe("update");
    expect(key.properties).toContainEqual({ path: "description", before: DESCRIPTION, after: "edited in the console" });
    expect(key.properties).toContainEqual({ path: "isEnabled", before: true, after: false });
    const markdown = await sandbox.planton(["preview", "-f", file, "-o", "markdown", "--no-step-summary"]);
    expectExit(markdown, 0);
    expect(markdown.stdout).toContain(`> 🔀 **Changed outside planton:** 2 resources of \`${STACK}\` differ from the last apply; apply puts the manifest back.`);
    expect(markdown.stdout).toContain('| `description` | `"Production RDS cluster encryption key"` | `"edited in the console"` |');
  });

  it("refresh off a terminal without --yes only reports: exit 2 with --detailed-exitcode, the state is left as it was", async () => {
    const run = await sandbox.planton(["refresh", "-f", file, "--detailed-exitcode"]);
    expectExit(run, 2);
    expect(run.stdout).toContain(`Stack ${STACK}: changed outside planton since the last apply:`);
    expect(run.stdout).toContain("Not recorded in the state (pass --yes to record it); `planton apply` puts the manifest back.");
    // Nothing was written: the state still says what planton applied.
    expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode", "--no-refresh"]), 0);
  });

  it("refresh at a terminal asks; 'no' writes nothing and exits 1", async () => {
    const run = await plantonAtTerminal(sandbox, ["refresh", "-f", file], "no");
    expect(run.stdout).toContain(`Record these changes in the state of stack ${STACK}?`);
    expect(run.stdout).toContain("not confirmed (only 'yes' approves); the state was left as it was");
    expect(run.code).toBe(1);
    expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode", "--no-refresh"]), 0);
  });

  it("apply puts the manifest back, checked in the emulator", async () => {
    const run = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(run, 0);
    const key = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(key.Description).toBe(DESCRIPTION);
    expect(key.Enabled).toBe(true);
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true);
    expect((await tags(kms, keyId))["CostCenter"]).toBe("1234");
    expect(await aliasTarget(kms, ALIAS)).toBe(keyId);
    const after = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(after, 0);
    expect(after.stdout).toContain("No changes. The stack matches the manifest.");
  });

  it("refresh --yes records the drift in the state; at a terminal 'yes' does the same", async () => {
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "edited again" }));
    const run = await sandbox.planton(["refresh", "-f", file, "--yes", "-o", "json"]);
    expectExit(run, 0);
    const document = JSON.parse(run.stdout) as { drifted: boolean; stacks: { recorded: boolean }[] };
    expect(document.drifted).toBe(true);
    expect(document.stacks[0]!.recorded).toBe(true);
    // The state now holds the live description: even without reading the cloud, apply would change it back.
    const recorded = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode", "--no-refresh"]);
    expectExit(recorded, 2);
    expect(recorded.stdout).toMatch(/~ description +\= "edited again" → "Production RDS cluster encryption key"/);

    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "edited at the terminal" }));
    const confirmed = await plantonAtTerminal(sandbox, ["refresh", "-f", file], "yes");
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain("Recorded in the stack's state.");
    expect((await sandbox.planton(["preview", "-f", file, "--no-refresh"])).stdout).toMatch(/~ description +\= "edited at the terminal" →/);
  });

  it("an alias held by a key outside the stack stops preview and apply before anything is created", async () => {
    await kms.send(new CreateAliasCommand({ AliasName: "alias/prod/taken", TargetKeyId: otherKeyId }));
    const taken = sandbox.write("taken.yaml", keyManifest({ name: "taken" }));
    const keysBefore = (await kms.send(new ListKeysCommand({}))).Keys?.length;
    for (const command of [["preview", "-f", taken], ["apply", "-f", taken, "--yes"]]) {
      const run = await sandbox.planton(command);
      expectExit(run, 1);
      expect(run.stderr).toContain(`error: cannot use alias/prod/taken in us-east-1 for stack acme-prod-taken: it already points at key ${otherKeyId}, which this stack does not manage`);
      expect(run.stderr).toContain(`import that key with \`planton import --key-id ${otherKeyId}\` (it adopts the key and its aliases), or choose another spec.alias; nothing was created`);
    }
    expect((await kms.send(new ListKeysCommand({}))).Keys?.length).toBe(keysBefore);
  });

  it("an apply that fails half-way says what it created and how to go on", async () => {
    // The replica region's alias is taken in its emulator (the early lookup reads the primary region only
    // when an endpoint is set), so the engine fails after creating the key and the replica.
    const eu = sandbox.kms("eu-west-1");
    const blocker = (await eu.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await eu.send(new CreateAliasCommand({ AliasName: "alias/prod/halfway", TargetKeyId: blocker }));
    const halfway = sandbox.write("halfway.yaml", keyManifest({ name: "halfway", replicas: ["eu-west-1"] }));
    const run = await sandbox.planton(["apply", "-f", halfway, "--yes"]);
    expectExit(run, 1);
    expect(run.stderr).toMatch(/error: cannot apply stack acme-prod-halfway: /);
    expect(run.stderr).toMatch(/created before it stopped: key \(aws:kms\/key:Key, [0-9a-f-]{36}\)/);
    expect(run.stderr).toContain("the stack's state records them, so fix the cause and run `planton apply` again to finish (or `planton destroy` to remove them)");
  });
});
