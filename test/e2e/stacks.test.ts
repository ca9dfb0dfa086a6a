import { DescribeKeyCommand, TagResourceCommand, UpdateKeyDescriptionCommand, type KMSClient } from "@aws-sdk/client-kms";
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { keyManifest } from "./support/manifests";
import { collect, describeE2e, expectExit, PLANTON, useSandbox } from "./support/sandbox";

// A fleet folder of two manifests, applied; then one manifest is removed from the folder while
// its key lives on. `planton stacks -f` and `preview -f` must name that stack as orphaned, with the
// key the emulator still holds. `refresh`, `outputs` and `destroy --stack NAME` then work on the
// orphan from its state alone.

jest.setTimeout(240_000);

interface InventoryJson {
  ok: boolean;
  stacks: { stack: string; keyId: string | null; region: string | null; lastUpdate: string | null; file: string | null; orphaned: boolean | null }[];
}

interface RefreshJson {
  stacks: { stack: string; file: string; name: string; drift: { name: string; properties: { path: string; before: unknown; after: unknown }[] }[]; recorded: boolean; error: unknown }[];
}

describeE2e("planton stacks: inventory and orphans in the sandbox", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  let fleet: string;
  const keyIds: Record<string, string> = {};

  beforeAll(async () => {
    kms = sandbox.kms("us-east-1");
    fleet = join(sandbox.dir, "keys");
    mkdirSync(fleet);
    sandbox.write("keys/kept.yaml", keyManifest({ name: "kept" }));
    sandbox.write("keys/gone.yaml", keyManifest({ name: "gone" }));
    const applied = await sandbox.planton(["apply", "-f", fleet, "--yes", "-o", "json"]);
    expectExit(applied, 0);
    for (const s of (JSON.parse(applied.stdout) as { stacks: { stack: string; outputs: { keyId: string } }[] }).stacks) keyIds[s.stack] = s.outputs.keyId;
    rmSync(join(fleet, "gone.yaml"));
  });

  it("lists both stacks with the keys the emulator holds", async () => {
    const run = await sandbox.planton(["stacks", "-o", "json"]);
    expectExit(run, 0);
    const document = JSON.parse(run.stdout) as InventoryJson;
    expect(document.stacks.map((s) => [s.stack, s.keyId, s.region, s.orphaned])).toEqual([
      ["acme-prod-gone", keyIds["acme-prod-gone"], "us-east-1", null],
      ["acme-prod-kept", keyIds["acme-prod-kept"], "us-east-1", null],
    ]);
    expect(document.stacks.every((s) => s.lastUpdate !== null && !Number.isNaN(Date.parse(s.lastUpdate)))).toBe(true);
  });

  it("with -f, marks the stack whose manifest was removed as orphaned; its key is still enabled", async () => {
    const run = await sandbox.planton(["stacks", "-f", fleet]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(new RegExp(`^acme-prod-gone +${keyIds["acme-prod-gone"]} +us-east-1 +\\S+ +ORPHANED$`, "m"));
    expect(run.stdout).toMatch(/^acme-prod-kept .* \S*kept\.yaml$/m);
    expect(run.stderr).toContain(`orphaned stack acme-prod-gone: no manifest claims it, but its key ${keyIds["acme-prod-gone"]} in us-east-1 is still live and billed`);
    const key = await kms.send(new DescribeKeyCommand({ KeyId: keyIds["acme-prod-gone"] }));
    expect(key.KeyMetadata?.KeyState).toBe("Enabled");

    const json = await sandbox.planton(["stacks", "-f", fleet, "-o", "json"]);
    expectExit(json, 0);
    expect((JSON.parse(json.stdout) as InventoryJson).stacks.map((s) => [s.stack, s.orphaned])).toEqual([["acme-prod-gone", true], ["acme-prod-kept", false]]);
  });

  it("preview -f DIR says so in one line, and in its JSON orphans", async () => {
    const run = await sandbox.planton(["preview", "-f", fleet]);
    expectExit(run, 0);
    expect(run.stderr.match(/^orphaned stack .*$/gm)).toEqual([expect.stringMatching(/^orphaned stack acme-prod-gone: /)]);
    const json = await sandbox.planton(["preview", "-f", fleet, "-o", "json"]);
    expectExit(json, 0);
    expect((JSON.parse(json.stdout) as { orphans: { stack: string; keyId: string }[] }).orphans.map((o) => [o.stack, o.keyId])).toEqual([["acme-prod-gone", keyIds["acme-prod-gone"]]]);
  });

  it("leaves no planton-* work directory behind, finished, interrupted once, or aborted by a second signal", async () => {
    const tmp = join(sandbox.dir, "tmp");
    mkdirSync(tmp);
    const workDirs = () => readdirSync(tmp).filter((name) => name.startsWith("planton-"));
    const start = (args: string[]) => spawn(PLANTON, args, { cwd: sandbox.dir, env: { ...sandbox.env, TMPDIR: tmp }, stdio: ["pipe", "pipe", "pipe"] });
    // Signals go once a work directory exists (the engine is loaded by then).
    const interrupt = async (args: string[], signals: NodeJS.Signals[]) => {
      const child = start(args);
      const done = collect(child);
      while (child.exitCode === null && workDirs().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(child.exitCode).toBeNull();
      for (const signal of signals) {
        child.kill(signal);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return done;
    };

    expectExit(await collect(start(["preview", "-f", fleet])), 0);
    expect(workDirs()).toEqual([]);
    expect((await interrupt(["stacks"], ["SIGINT"])).code).toBe(130);
    expect(workDirs()).toEqual([]);
    expect((await interrupt(["preview", "-f", fleet], ["SIGINT"])).code).toBe(1);
    expect(workDirs()).toEqual([]);
    expect((await interrupt(["preview", "-f", fleet], ["SIGTERM", "SIGTERM"])).code).toBe(143);
    expect(workDirs()).toEqual([]);
  });

  it("outputs --stack NAME reads the orphan's outputs from its state, without a manifest", async () => {
    const run = await sandbox.planton(["outputs", "--stack", "acme-prod-gone", "-o", "json"]);
    expectExit(run, 0);
    expect(JSON.parse(run.stdout)).toMatchObject({ keyId: keyIds["acme-prod-gone"], region: "us-east-1" });
  });

  it("refresh --stack NAME without a manifest shows drift made in the emulator, records it with --yes, then finds none", async () => {
    const keyId = keyIds["acme-prod-gone"]!;
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "edited by hand" }));
    await kms.send(new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: "Owner", TagValue: "someone" }] }));

    const shown = await sandbox.planton(["refresh", "--stack", "acme-prod-gone", "--detailed-exitcode"]);
    expectExit(shown, 2);
    expect(shown.stdout).toContain("Stack acme-prod-gone: changed outside planton since the last apply:\n  ~ key (aws:kms/key:Key)\n");
    expect(shown.stdout).toMatch(/~ description += "[^"]*" → "edited by hand"/);
    expect(shown.stdout).toMatch(/\+ tags\.Owner += "someone"/);
    expect(shown.stdout).toContain("Not recorded in the state (pass --yes to record it)");
    expect(shown.stderr).toContain("  ok      acme-prod-gone (state only): ");

    const json = await sandbox.planton(["refresh", "--stack", "acme-prod-gone", "-o", "json"]);
    expectExit(json, 0);
    const reported = JSON.parse(json.stdout) as RefreshJson;
    expect(reported).toMatchObject({ formatVersion: "2.1", drifted: true, ok: true, error: null });
    expect(reported.stacks.map((s) => [s.stack, s.file, s.name, s.recorded])).toEqual([["acme-prod-gone", "", "", false]]);
    expect(reported.stacks[0]!.drift.find((d) => d.name === "key")!.properties).toContainEqual({ path: "description", before: expect.any(String), after: "edited by hand" });

    const recorded = await sandbox.planton(["refresh", "--stack", "acme-prod-gone", "--yes", "--detailed-exitcode", "-o", "json"]);
    expectExit(recorded, 2);
    expect((JSON.parse(recorded.stdout) as RefreshJson).stacks.map((s) => [s.stack, s.recorded])).toEqual([["acme-prod-gone", true]]);

    const after = await sandbox.planton(["refresh", "--stack", "acme-prod-gone", "--detailed-exitcode"]);
    expectExit(after, 0);
    expect(after.stdout).toContain("Stack acme-prod-gone: no drift; the live resources match the state.");
    const afterJson = await sandbox.planton(["refresh", "--stack", "acme-prod-gone", "--detailed-exitcode", "-o", "json"]);
    expectExit(afterJson, 0);
    expect(JSON.parse(afterJson.stdout)).toMatchObject({ drifted: false, stacks: [{ stack: "acme-prod-gone", drift: [], recorded: false }] });
  });

  it("refresh --stack NAME of a stack the backend does not hold fails in one line, in JSON too", async () => {
    const run = await sandbox.planton(["refresh", "--stack", "no-such-stack", "-o", "json"]);
    expectExit(run, 1);
    const document = JSON.parse(run.stdout) as RefreshJson & { ok: boolean };
    expect(document.ok).toBe(false);
    expect(document.stacks.map((s) => [s.stack, s.drift, s.error !== null])).toEqual([["no-such-stack", null, true]]);
    expect(run.stderr).toContain("planton stacks lists the stacks in this backend");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("destroy --stack NAME --yes without a manifest schedules the orphan's key for deletion; then no orphan is left", async () => {
    const run = await sandbox.planton(["destroy", "--stack", "acme-prod-gone", "--yes"]);
    expectExit(run, 0);
    expect(run.stdout).toContain("Stack acme-prod-gone (state only)");
    expect(run.stderr).toContain("  ok      acme-prod-gone (state only): ");
    const key = await kms.send(new DescribeKeyCommand({ KeyId: keyIds["acme-prod-gone"] }));
    expect(key.KeyMetadata?.KeyState).toBe("PendingDeletion");
    const kept = await kms.send(new DescribeKeyCommand({ KeyId: keyIds["acme-prod-kept"] }));
    expect(kept.KeyMetadata?.KeyState).toBe("Enabled");

    const after = await sandbox.planton(["stacks", "-f", fleet, "-o", "json"]);
    expectExit(after, 0);
    expect((JSON.parse(after.stdout) as InventoryJson).stacks.map((s) => [s.stack, s.keyId, s.orphaned])).toEqual([
      ["acme-prod-gone", null, false],
      ["acme-prod-kept", keyIds["acme-prod-kept"], false],
    ]);
  });

  it("refuses --stack, which a listing of every stack would ignore, naming the flags it takes", async () => {
    const run = await sandbox.planton(["stacks", "--stack", "acme-prod-kept"]);
    expectExit(run, 1);
    expect(run.stderr).toBe(
      "error: cannot list the stacks: it lists every stack in the backend from the state alone, without reaching KMS; drop --stack\n" +
        "  planton stacks takes -f, --set, --backend, --region, --profile, -o (see planton stacks --help)\n",
    );
    expect(run.stdout).toBe("");
  });

  it("exits 1 in one line when the backend cannot be listed", async () => {
    const run = await sandbox.planton(["stacks", "--backend", "s3://no-such-bucket?endpoint=127.0.0.1:1&disableSSL=true&s3ForcePathStyle=true&region=us-east-1"]);
    expectExit(run, 1);
    expect(run.stderr).toMatch(/^error: cannot list the stacks in s3:\/\/no-such-bucket\S*: /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
