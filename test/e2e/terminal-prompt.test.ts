import { DescribeKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { aliasTarget } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox } from "./support/sandbox";
import { runAtTerminal, type TerminalRun } from "./support/terminal";

// A person at a terminal, through the shipped bin/planton started from its startup snapshot:
// the confirmation prompt of apply and destroy, answered no, yes and Ctrl-C, checked against
// the emulator; and the same runs from dist/ (PLANTON_NO_SNAPSHOT=1) give the same result.

jest.setTimeout(300_000);

const NAME = "tty-key";
const ALIAS = `alias/prod/${NAME}`;
const STACK = `acme-prod-${NAME}`;
const REPO = join(__dirname, "..", "..");

/** Fails with the whole terminal output when the exit code differs. */
function expectTerminalExit(run: TerminalRun, code: number): void {
  if (run.code !== code) throw new Error(`expected exit ${code}, got ${run.code}\n--- terminal\n${run.output}`);
}

/** The terminal output without what differs between two runs of the same command (durations, the ticker). */
function comparable(run: TerminalRun): { code: number | null; lines: string[] } {
  const lines = run.output
    .split("\n")
    .map((line) => line.replace(/^.*\r/, "").replace(/\d+(\.\d+)?\s?m?s\b/g, "<time>").trimEnd())
    .filter((line) => line !== "");
  return { code: run.code, lines };
}

describeE2e("the confirmation prompt at a real terminal, from the startup snapshot", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  let file: string;

  beforeAll(async () => {
    kms = sandbox.kms("us-east-1");
    file = sandbox.write("key.yaml", keyManifest({ name: NAME, window: 7 }));
  });

  it("runs the current build's startup snapshot", () => {
    // starting the sandbox rebuilt dist/ and the blob when a source was newer; the launcher takes the blob
    // only when it is newer than dist/ (checked again per run below through its trace).
    const blob = join(REPO, "dist", "planton.blob");
    expect(existsSync(blob)).toBe(true);
    expect(statSync(blob).mtimeMs).toBeGreaterThan(statSync(join(REPO, "dist", "src", "cli", "entry.js")).mtimeMs);
  });

  it("'no' declines the apply: exit 1, nothing created, and dist/ does the same", async () => {
    const run = await runAtTerminal(sandbox, ["apply", "-f", file], { keys: "no\r" });
    expect(run.started).toBe("snapshot");
    expect(run.asked).toBe(true);
    expectTerminalExit(run, 1);
    expect(run.output).toContain(`Apply these changes to stack ${STACK}?`);
    expect(run.output).toContain(`error: cannot apply stack ${STACK}: not confirmed (only 'yes' approves)`);
    expect(run.output).not.toMatch(/dynamic import|bug in planton/);
    expect(await aliasTarget(kms, ALIAS)).toBeUndefined();

    const fromDist = await runAtTerminal(sandbox, ["apply", "-f", file], { keys: "no\r", env: { PLANTON_NO_SNAPSHOT: "1" } });
    expect(fromDist.started).toBe("dist");
    expect(comparable(run)).toEqual(comparable(fromDist));
    expect(await aliasTarget(kms, ALIAS)).toBeUndefined();
  });

  it("Ctrl-C at the prompt ends the apply: exit 1, interrupted, nothing created", async () => {
    const run = await runAtTerminal(sandbox, ["apply", "-f", file], { keys: "\x03" });
    expect(run.started).toBe("snapshot");
    expect(run.asked).toBe(true);
    expectTerminalExit(run, 1);
    expect(run.output).toContain(`error: cannot apply stack ${STACK}: interrupted`);
    expect(run.output).not.toMatch(/dynamic import|bug in planton/);
    expect(await aliasTarget(kms, ALIAS)).toBeUndefined();
  });

  it("'yes' applies: the key exists in the emulator behind its alias", async () => {
    const run = await runAtTerminal(sandbox, ["apply", "-f", file], { keys: "yes\r" });
    expect(run.started).toBe("snapshot");
    expectTerminalExit(run, 0);
    expect(run.output).toContain(`Applying stack ${STACK}...`);
    const keyId = await aliasTarget(kms, ALIAS);
    expect(keyId).toBeDefined();
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId! }))).KeyMetadata?.KeyState).toBe("Enabled");
  });

  it("says again above the question what a broadening grants, and 'no' leaves the policy alone", async () => {
    const broader = keyManifest({ name: NAME, window: 7 }).replace(
      '      - "arn:aws:iam::111122223333:role/RDSServiceRole"\n',
      '      - "arn:aws:iam::111122223333:role/RDSServiceRole"\n      - "arn:aws:iam::111122223333:role/NewApp"\n',
    );
    const broaderFile = sandbox.write("broader.yaml", broader);
    const run = await runAtTerminal(sandbox, ["apply", "-f", broaderFile], { keys: "no\r" });
    expectTerminalExit(run, 1);
    const reminder = run.output.indexOf("Approving this plan also approves:");
    const question = run.output.indexOf(`Apply these changes to stack ${STACK}?`);
    expect(reminder).toBeGreaterThan(0);
    expect(question).toBeGreaterThan(reminder);
    const between = run.output.slice(reminder, question);
    expect(between).toMatch(/- spec\.policy: the key policy of key broadens access: statement \S+ .*arn:aws:iam::111122223333:role\/NewApp/);
    expect(between).toContain("Monthly cost after apply: $1.00");
  });

  it("says again above the question what a replacement costs, when --allow-replace lets it through", async () => {
    const rsa = sandbox.write("rsa.yaml", keyManifest({ name: NAME, window: 7, keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY", enableRotation: false }));
    const before = await aliasTarget(kms, ALIAS);
    const run = await runAtTerminal(sandbox, ["apply", "-f", rsa, "--allow-replace"], { keys: "no\r" });
    expectTerminalExit(run, 1);
    const reminder = run.output.indexOf("Approving this plan also approves:");
    const question = run.output.indexOf(`Apply these changes to stack ${STACK}?`);
    expect(reminder).toBeGreaterThan(0);
    expect(question).toBeGreaterThan(reminder);
    const between = run.output.slice(reminder, question);
    expect(between).toContain(
      '- spec.keySpec: changing customerMasterKeySpec (SYMMETRIC_DEFAULT → RSA_2048) replaces KMS key "key": the old key is scheduled for deletion, and data encrypted under it becomes undecryptable once it is deleted',
    );
    expect(await aliasTarget(kms, ALIAS)).toBe(before);
  });

  it("destroy confirmed with 'yes' schedules the key's deletion", async () => {
    const keyId = await aliasTarget(kms, ALIAS);
    const run = await runAtTerminal(sandbox, ["destroy", "-f", file], { keys: "yes\r" });
    expect(run.started).toBe("snapshot");
    expect(run.asked).toBe(true);
    expectTerminalExit(run, 0);
    expect(run.output).toContain(`Destroy stack ${STACK}?`);
    expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId! }))).KeyMetadata?.KeyState).toBe("PendingDeletion");
  });
});
