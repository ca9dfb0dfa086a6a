import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox, expectExit } from "./support/sandbox";

// `--output json` when the real engine says no, through bin/planton in the sandbox: a missing
// stack for outputs and refresh, a plan the replacement rail refuses. Each prints one document
// with formatVersion and the stack it is about (stack, file, name); the key is left alone.

jest.setTimeout(240_000);

const STACK = "acme-prod-json-failure";

describeE2e("planton -o json on failure, against the sandbox", () => {
  const sandbox = useSandbox();
  let file: string;

  beforeAll(async () => {
    file = sandbox.write("key.yaml", keyManifest({ name: "json-failure" }));
  });

  it("outputs of a stack that does not exist: the run document naming the stack, with the reason", async () => {
    const run = await sandbox.planton(["outputs", "-f", file, "-o", "json"]);
    expectExit(run, 1);
    expect(JSON.parse(run.stdout)).toEqual({
      formatVersion: "2.1",
      stacks: [{ stack: STACK, file, name: "json-failure", outputs: null, locks: [], error: expect.stringMatching(/^failed: no stack named acme-prod-json-failure in file:\/\//) }],
      ok: false,
      problems: [],
      error: null,
    });
  });

  it("refresh of a stack that does not exist: drift and drifted null, not false", async () => {
    const run = await sandbox.planton(["refresh", "-f", file, "-o", "json"]);
    expectExit(run, 1);
    expect(JSON.parse(run.stdout)).toMatchObject({ formatVersion: "2.1", ok: false, drifted: null, stacks: [{ stack: STACK, drift: null }] });
  });

  it("a refused plan: preview and apply name the refusals; apply changes nothing", async () => {
    const apply = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(apply, 0);
    const keyId = (JSON.parse(apply.stdout) as { keyId: string }).keyId;

    sandbox.write("key.yaml", keyManifest({ name: "json-failure", keySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT", enableRotation: false }));
    const preview = await sandbox.planton(["preview", "-f", file, "-o", "json"]);
    expectExit(preview, 1);
    const plan = JSON.parse(preview.stdout);
    expect(plan).toMatchObject({ formatVersion: "2.1", ok: false, hasChanges: true, stacks: [{ stack: STACK, file, name: "json-failure", error: null }] });
    expect(plan.stacks[0].refusals.map((r: { path: string }) => r.path)).toContain("spec.keySpec");

    const refused = await sandbox.planton(["apply", "-f", file, "--yes", "-o", "json"]);
    expectExit(refused, 1);
    const document = JSON.parse(refused.stdout);
    expect(document).toMatchObject({ formatVersion: "2.1", ok: false, problems: [], error: null });
    expect(document.stacks).toHaveLength(1);
    expect(document.stacks[0]).toMatchObject({ stack: STACK, file, name: "json-failure", outputs: null });
    expect(document.stacks[0].error).toMatch(/^failed: the plan replaces or deletes a KMS key/);
    expect(document.stacks[0].refusals.map((r: { path: string }) => r.path)).toContain("spec.keySpec");
    const key = (await sandbox.kms("us-east-1").send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!;
    expect(key.KeySpec).toBe("SYMMETRIC_DEFAULT");
  });
});
