import { DescribeKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { aliasTarget } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox, expectExit } from "./support/sandbox";

// spec.deletionProtection changed on its own, both ways, through bin/planton and checked against
// the emulator: the plan shows it, --detailed-exitcode counts it, apply writes it, destroy obeys it.

jest.setTimeout(300_000);

const NAME = "guarded";
const ALIAS = `alias/prod/${NAME}`;
const STACK = `acme-prod-${NAME}`;

function manifest(deletionProtection: boolean | undefined): string {
  const base = keyManifest({ name: NAME, window: 7 });
  return deletionProtection === undefined ? base : `${base}  deletionProtection: ${deletionProtection}\n`;
}

async function keyState(kms: KMSClient, keyId: string): Promise<string | undefined> {
  return (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState;
}

describeE2e("spec.deletionProtection changed on its own", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  let file: string;
  let keyId: string;

  beforeAll(async () => {
    kms = sandbox.kms("us-east-1");
    file = sandbox.write("key.yaml", manifest(undefined));
    expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
    keyId = (await aliasTarget(kms, ALIAS))!;
  });

  it("turned on: preview shows it as a change of the key and exits 2", async () => {
    sandbox.write("key.yaml", manifest(true));
    const run = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(run, 2);
    expect(run.stdout).toContain("  ~ update in place key (aws:kms/key:Key)\n      ~ deletionProtection = false → true\n");
    expect(run.stdout).not.toContain("No changes");

    const json = await sandbox.planton(["preview", "-f", file, "-o", "json"]);
    expectExit(json, 0);
    const document = JSON.parse(json.stdout) as { hasChanges: boolean; stacks: { steps: { name: string; op: string; properties: { path: string; before: unknown; after: unknown }[] }[] }[] };
    expect(document.hasChanges).toBe(true);
    expect(document.stacks[0]!.steps.find((s) => s.name === "key")).toMatchObject({ op: "update", properties: [{ path: "deletionProtection", before: false, after: true }] });

    const markdown = await sandbox.planton(["preview", "-f", file, "-o", "markdown", "--no-step-summary"]);
    expectExit(markdown, 0);
    expect(markdown.stdout).toContain("| `deletionProtection` | `false` | `true` |");
  });

  it("turned on: apply writes it, and the next preview has nothing left to do", async () => {
    const run = await sandbox.planton(["apply", "-f", file, "--yes"]);
    expectExit(run, 0);
    expect(run.stderr).toContain(`Applying stack ${STACK}...`);
    expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
  });

  it("on: destroy --yes is refused and the key stays", async () => {
    const run = await sandbox.planton(["destroy", "-f", file, "--yes"]);
    expectExit(run, 1);
    expect(run.stderr).toContain("spec.deletionProtection");
    expect(await keyState(kms, keyId)).toBe("Enabled");
    expect(await aliasTarget(kms, ALIAS)).toBe(keyId);
  });

  it("turned off alone: preview shows it, apply writes it, and destroy then schedules the deletion", async () => {
    sandbox.write("key.yaml", manifest(false));
    const preview = await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]);
    expectExit(preview, 2);
    expect(preview.stdout).toContain("      ~ deletionProtection = true → false\n");
    expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
    expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    expectExit(await sandbox.planton(["destroy", "-f", file, "--yes"]), 0);
    expect(await keyState(kms, keyId)).toBe("PendingDeletion");
  });
});
