import { parse } from "yaml";
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { DescribeKeyCommand, ListAliasesCommand } from "@aws-sdk/client-kms";
import { keyManifest } from "./support/manifests";
import { PLANTON, collect, describeE2e, useSandbox, expectExit } from "./support/sandbox";

// Several manifests in one run (-f dir/), a multi-Region key whose replica lands in the
// eu-west-1 emulator, the preview JSON document, and the guard on a removed replica region.

jest.setTimeout(240_000);

describeE2e("planton against the sandbox: several manifests and a multi-Region key", () => {
  const sandbox = useSandbox();
  let dir: string;

  beforeAll(async () => {
    sandbox.write("keys/global.yaml", keyManifest({ name: "global-payments", replicas: ["eu-west-1"], window: 7 }));
    sandbox.write("keys/logs.yaml", keyManifest({ name: "logs" }));
    dir = `${sandbox.dir}/keys`;
  });

  it("preview -o json prints one document with every stack's steps and summary", async () => {
    const run = await sandbox.planton(["preview", "-f", dir, "-o", "json", "--detailed-exitcode"]);
    expectExit(run, 2);
    const doc = JSON.parse(run.stdout) as {
      formatVersion: string;
      stacks: { stack: string; file: string; name: string; steps: { op: string; type: string; name: string; urn: string; properties: { path: string }[] }[]; summary: Record<string, number> }[];
    };
    expect(doc.formatVersion).toBe("2.1");
    expect(doc.stacks.map((s) => [s.stack, s.name])).toEqual([
      ["acme-prod-global-payments", "global-payments"],
      ["acme-prod-logs", "logs"],
    ]);
    const global = doc.stacks[0]!;
    expect(global.file).toBe(`${dir}/global.yaml`);
    // Replica and alias register in parallel, so their order varies from run to run.
    expect(global.steps.map((s) => [s.op, s.type, s.name]).sort()).toEqual([
      ["create", "aws:kms/alias:Alias", "alias"],
      ["create", "aws:kms/alias:Alias", "alias-eu-west-1"],
      ["create", "aws:kms/key:Key", "key"],
      ["create", "aws:kms/replicaKey:ReplicaKey", "replica-eu-west-1"],
    ]);
    expect(global.steps.find((s) => s.name === "key")!.urn).toBe("urn:pulumi:acme-prod-global-payments::planton::aws:kms/key:Key::key");
    expect(global.steps.find((s) => s.name === "key")!.properties.map((p) => p.path)).toEqual(expect.arrayContaining(["customerMasterKeySpec", "multiRegion", "policy"]));
    expect(global.summary).toMatchObject({ create: 4, update: 0, replace: 0, delete: 0 });
    expect(run.stderr).toContain("planton preview: 2 stacks");
  });

  it("apply -f dir deploys both stacks, one summary line each, one JSON document naming each stack with its outputs", async () => {
    const run = await sandbox.planton(["apply", "-f", dir, "--yes", "-o", "json"]);
    expectExit(run, 0);
    expect(run.stderr).toContain("planton apply: 2 stacks");
    expect(run.stderr).toMatch(/ok +acme-prod-global-payments \(.*global\.yaml\): 4 created/);
    expect(run.stderr).toMatch(/ok +acme-prod-logs \(.*logs\.yaml\): 2 created/);
    const doc = JSON.parse(run.stdout) as {
      formatVersion: string;
      ok: boolean;
      stacks: { stack: string; name: string; error: string | null; outputs: { keyId: string; replicaKeyArns: Record<string, string> } }[];
    };
    expect(doc.formatVersion).toBe("2.1");
    expect(doc.ok).toBe(true);
    expect(doc.stacks.map((s) => [s.stack, s.name, s.error])).toEqual([
      ["acme-prod-global-payments", "global-payments", null],
      ["acme-prod-logs", "logs", null],
    ]);
    const outputs = doc.stacks.map((s) => s.outputs);
    const replicaArn = outputs[0]!.replicaKeyArns["eu-west-1"];
    expect(replicaArn).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\//);

    const eu = sandbox.kms("eu-west-1");
    const replica = (await eu.send(new DescribeKeyCommand({ KeyId: replicaArn! }))).KeyMetadata!;
    expect(replica.KeyState).toBe("Enabled");
    const aliases = (await eu.send(new ListAliasesCommand({}))).Aliases ?? [];
    expect(aliases.find((a) => a.AliasName === "alias/prod/global-payments")?.TargetKeyId).toBe(replica.KeyId);
    // The plain key has no replica in eu-west-1.
    expect(aliases.find((a) => a.AliasName === "alias/prod/logs")).toBeUndefined();
  });

  it("a second preview of both is clean", async () => {
    const run = await sandbox.planton(["preview", "-f", dir, "--detailed-exitcode"]);
    expectExit(run, 0);
  });

  it("preview --parallel 2 prints each stack's plan whole, the same text as one after another", async () => {
    const together = await sandbox.planton(["preview", "-f", dir, "--parallel", "2", "--color", "never"]);
    const oneByOne = await sandbox.planton(["preview", "-f", dir, "--parallel", "1", "--color", "never"]);
    expectExit(together, 0);
    expectExit(oneByOne, 0);
    expect(together.stdout).toBe(oneByOne.stdout);
    expect(together.stdout.indexOf("Stack acme-prod-global-payments")).toBeLessThan(together.stdout.indexOf("Stack acme-prod-logs"));
    expect(together.stderr).toMatch(/planton preview: 2 stacks\n {2}ok +acme-prod-global-payments .*\n {2}ok +acme-prod-logs /);
  });

  it("refuses a plan that removes a replica region, naming spec.replicaRegions", async () => {
    sandbox.write("keys/global.yaml", keyManifest({ name: "global-payments", multiRegion: true, window: 7 }));
    const run = await sandbox.planton(["preview", "-f", dir, "--detailed-exitcode"]);
    expectExit(run, 1);
    expect(run.stdout).toContain("  - delete replica-eu-west-1 (aws:kms/replicaKey:ReplicaKey)");
    expect(run.stderr).toContain('spec.replicaRegions: its region is no longer in spec.replicaRegions, so the plan deletes replica key "replica-eu-west-1"');
    expect(run.stderr).toMatch(/FAILED +acme-prod-global-payments .*refused/);
    expect(run.stderr).toMatch(/ok +acme-prod-logs .*no changes/);
  });

  it("outputs -o yaml prints the JSON document as YAML: one document naming each stack", async () => {
    const run = await sandbox.planton(["outputs", "-f", dir, "-o", "yaml"]);
    expectExit(run, 0);
    expect(run.stdout).not.toContain("---");
    const doc = parse(run.stdout) as { formatVersion: string; stacks: { stack: string; outputs: { aliasName: string } }[] };
    expect(doc.formatVersion).toBe("2.1");
    expect(doc.stacks.map((s) => [s.stack, s.outputs.aliasName])).toEqual([
      ["acme-prod-global-payments", "alias/prod/global-payments"],
      ["acme-prod-logs", "alias/prod/logs"],
    ]);
  });

  it("with no backend or passphrase configured, keeps state in ~/.planton/state (owner only) with an empty passphrase, said once", async () => {
    const home = `${sandbox.dir}/home`;
    const env: Record<string, string> = { ...sandbox.env, HOME: home, CI: "true" };
    delete env["PULUMI_BACKEND_URL"];
    delete env["PULUMI_CONFIG_PASSPHRASE"];
    const file = sandbox.write("default-backend.yaml", keyManifest({ name: "default-backend" }));
    const run = await collect(spawn(PLANTON, ["apply", "-f", file, "--yes"], { env }));
    expectExit(run, 0);
    expect(run.stderr.match(/note: no PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE set; using an empty passphrase/g)).toHaveLength(1);
    expect(run.stderr).toContain(`warning: state is kept in file://${home}/.planton/state on this machine and will not outlive the CI job`);
    expect(statSync(`${home}/.planton/state`).mode & 0o777).toBe(0o700);
    expect(readdirSync(`${home}/.planton/state/.pulumi/stacks/planton`)).toContain("acme-prod-default-backend.json");
  });
});
