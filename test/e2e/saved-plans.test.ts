import { DescribeKeyCommand, ListAliasesCommand, UpdateKeyDescriptionCommand, type KMSClient } from "@aws-sdk/client-kms";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyManifest } from "./support/manifests";
import { collect, describeE2e, useSandbox, expectExit, PLANTON, type RunResult } from "./support/sandbox";
import { runAtTerminal } from "./support/terminal";

// Reviewed means applied: `preview --out` saves a plan, `apply --plan` applies exactly it and
// refuses (exit 3) when the stack's state moved, the live key drifted, or it was applied already;
// a broken or foreign file is exit 1, a refused plan stays refused. Without --plan, apply is bound
// to the preview it showed: an apply landing between the prompt and the answer fails it (exit 3).

jest.setTimeout(400_000);

const SECRETS = {
  AWS_SECRET_ACCESS_KEY: "e2eSavedPlanSecret+Qm4vT8kR2xN6bW1yH5uJ3",
  PULUMI_CONFIG_PASSPHRASE: "e2eSavedPlanPassphrase-staple-horse-77",
} as const;
const ENDPOINT_PASSWORD = "e2eEndpointPassw0rdXyZ";

async function keyDescription(kms: KMSClient, alias: string): Promise<string | undefined> {
  const target = (await kms.send(new ListAliasesCommand({}))).Aliases?.find((a) => a.AliasName === alias)?.TargetKeyId;
  if (target === undefined) return undefined;
  return (await kms.send(new DescribeKeyCommand({ KeyId: target }))).KeyMetadata?.Description;
}

describeE2e("saved plans and the bound apply, against the sandbox", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  /** planton with secret-looking credentials in the environment. */
  const planton = (args: readonly string[]): Promise<RunResult> =>
    collect(spawn(PLANTON, args, { cwd: sandbox.dir, env: { ...sandbox.env, ...SECRETS }, stdio: ["pipe", "pipe", "pipe"] }));

  beforeAll(() => (kms = sandbox.kms("us-east-1")));

  it("preview --out saves a secret-free plan, apply --plan creates exactly that key, and a second apply of it is refused", async () => {
    const file = sandbox.write("happy.yaml", keyManifest({ name: "saved-happy", window: 7 }));
    // An endpoint with a password in it is refused before anything runs, so it never reaches a plan file.
    const withPassword = new URL(sandbox.env["AWS_ENDPOINT_URL_KMS"]!);
    withPassword.username = "user";
    withPassword.password = ENDPOINT_PASSWORD;
    const refused = await planton(["preview", "-f", file, "--out", "plan.json", "--endpoint-url", withPassword.toString()]);
    expectExit(refused, 1);
    expect(refused.stderr).not.toContain(ENDPOINT_PASSWORD);
    expect(existsSync(join(sandbox.dir, "plan.json"))).toBe(false);
    // The endpoint is left out of the file (a placeholder stands in); apply --plan puts its own back.
    const endpoint = new URL(sandbox.env["AWS_ENDPOINT_URL_KMS"]!);
    const preview = await planton(["preview", "-f", file, "--set", "spec.description=from the plan", "--out", "plan.json", "-o", "json", "--endpoint-url", endpoint.toString()]);
    expectExit(preview, 0);
    const shown = JSON.parse(preview.stdout) as { stacks: unknown[] };
    const text = readFileSync(join(sandbox.dir, "plan.json"), "utf8");
    const saved = JSON.parse(text) as { kind: string; formatVersion: string; stacks: { shown: unknown; manifest: { spec: { description: string } }; basis: { state: string; liveKey: string } }[] };
    expect(saved.kind).toBe("planton/saved-plan");
    expect(saved.stacks[0]!.shown).toEqual(shown.stacks[0]);
    expect(saved.stacks[0]!.manifest.spec.description).toBe("from the plan");
    expect(saved.stacks[0]!.basis.state).toMatch(/^sha256:/);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toContain(endpoint.host);
    expect(statSync(join(sandbox.dir, "plan.json")).mode & 0o077).toBe(0);

    // The file alone: no -f, and the manifest changed on disk meanwhile does not matter.
    writeFileSync(file, keyManifest({ name: "saved-happy", window: 7, description: "edited after review" }));
    const applied = await planton(["apply", "--plan", "plan.json", "-o", "json", "--endpoint-url", endpoint.toString()]);
    expectExit(applied, 0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ aliasName: "alias/prod/saved-happy" });
    expect(await keyDescription(kms, "alias/prod/saved-happy")).toBe("from the plan");

    const again = await planton(["apply", "--plan", "plan.json"]);
    expectExit(again, 3);
    expect(again.stderr).toContain("error: cannot apply stack acme-prod-saved-happy: this plan was applied already");
  });

  it("refuses with exit 3 when another apply landed between preview --out and apply --plan", async () => {
    const file = sandbox.write("moved.yaml", keyManifest({ name: "saved-moved", window: 7 }));
    expectExit(await planton(["apply", "-f", file, "--yes"]), 0);
    expectExit(await planton(["preview", "-f", file, "--set", "spec.description=planned", "--out", "moved.json"]), 0);
    expectExit(await planton(["apply", "-f", file, "--yes", "--set", "spec.description=landed first"]), 0);
    const run = await planton(["apply", "--plan", "moved.json"]);
    expectExit(run, 3);
    expect(run.stderr).toContain("error: cannot apply stack acme-prod-saved-moved: its state changed since the plan was made");
    expect(await keyDescription(kms, "alias/prod/saved-moved")).toBe("landed first");
  });

  it("refuses with exit 3 when the live key was changed by hand after the plan (drift)", async () => {
    const file = sandbox.write("drift.yaml", keyManifest({ name: "saved-drift", window: 7 }));
    expectExit(await planton(["apply", "-f", file, "--yes"]), 0);
    expectExit(await planton(["preview", "-f", file, "--set", "spec.description=planned", "--out", "drift.json"]), 0);
    const aliases = (await kms.send(new ListAliasesCommand({}))).Aliases ?? [];
    const keyId = aliases.find((a) => a.AliasName === "alias/prod/saved-drift")!.TargetKeyId!;
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "changed by hand" }));
    const run = await planton(["apply", "--plan", "drift.json", "-o", "json"]);
    expectExit(run, 3);
    expect(run.stderr).toContain("error: cannot apply stack acme-prod-saved-drift: the live key changed since the plan was made (drift): key (description)");
    expect(await keyDescription(kms, "alias/prod/saved-drift")).toBe("changed by hand");
  });

  it("keeps a refused plan refused, and records an allowed one's override", async () => {
    const file = sandbox.write("rail.yaml", keyManifest({ name: "saved-rail", window: 7 }));
    expectExit(await planton(["apply", "-f", file, "--yes"]), 0);
    const rsa = ["--set", "spec.keySpec=RSA_2048", "--set", "spec.keyUsage=SIGN_VERIFY", "--set", "spec.enableRotation=false"];
    expectExit(await planton(["preview", "-f", file, ...rsa, "--out", "refused.json"]), 1);
    const refused = await planton(["apply", "--plan", "refused.json"]);
    expectExit(refused, 1);
    expect(refused.stderr).toMatch(/error: cannot apply stack acme-prod-saved-rail: .*replace/);
    expect(refused.stdout).toContain("replace");

    expectExit(await planton(["preview", "-f", file, ...rsa, "--allow-replace", "--allow-broadening", "--out", "allowed.json"]), 0);
    expect(JSON.parse(readFileSync(join(sandbox.dir, "allowed.json"), "utf8")).stacks[0]).toMatchObject({ allowReplace: true, allowBroadening: true });
    const overridden = await planton(["apply", "--plan", "allowed.json", "--allow-replace"]);
    expectExit(overridden, 1);
    expect(overridden.stderr).toContain("error: cannot apply: --plan applies the saved plan as it is; drop --allow-replace");
  });

  it("says what is wrong with a broken or foreign plan file (exit 1)", async () => {
    sandbox.write("broken.json", '{"kind": "planton/saved-plan", ');
    sandbox.write("foreign.json", JSON.stringify({ format_version: "1.2", terraform_version: "1.9.0", planned_values: {} }));
    const broken = await planton(["apply", "--plan", "broken.json"]);
    expectExit(broken, 1);
    expect(broken.stderr).toContain("error: cannot read plan broken.json: it is not JSON");
    const foreign = await planton(["apply", "--plan", "foreign.json"]);
    expectExit(foreign, 1);
    expect(foreign.stderr).toContain('error: cannot read plan foreign.json: it is not a planton saved plan (no "kind": "planton/saved-plan")');
    expect(`${broken.stderr}${foreign.stderr}`).not.toMatch(/\n\s+at /);
  });

  it("binds apply without --plan to the preview it showed: an apply landing before the answer fails it with exit 3", async () => {
    const file = sandbox.write("bound.yaml", keyManifest({ name: "saved-bound", window: 7 }));
    expectExit(await planton(["apply", "-f", file, "--yes"]), 0);
    const racer = sandbox.write("racer.yaml", keyManifest({ name: "saved-bound", window: 7, description: "landed while asking" }));
    const run = await runAtTerminal(sandbox, ["apply", "-f", file, "--set", "spec.description=confirmed at the prompt"], {
      keys: "yes\r",
      beforeKeys: async () => expectExit(await planton(["apply", "-f", racer, "--yes"]), 0),
    });
    expect(run.asked).toBe(true);
    expect(run.code).toBe(3);
    expect(run.output).toContain("error: cannot apply stack acme-prod-saved-bound: its state changed since the plan was made");
    expect(await keyDescription(kms, "alias/prod/saved-bound")).toBe("landed while asking");
  });
});
