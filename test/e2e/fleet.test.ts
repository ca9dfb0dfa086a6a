import { readdirSync } from "node:fs";
import { join } from "node:path";
import { CreateAliasCommand, CreateKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { liveKeys } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { waitForStderr } from "./support/processes";
import { collect, describeE2e, expectExit, useSandbox } from "./support/sandbox";

// A keys/ folder applied as a fleet through bin/planton: several stacks at once, each stack's
// output kept together, the summary and JSON in input order, --fail-fast, and Ctrl-C stopping
// every stack in flight with none left locked.

jest.setTimeout(600_000);

/** Lines of `text` naming a stack in brackets ("  [b] creating key ..."), as their stack names, in order. */
function stacksOfProgressLines(text: string): string[] {
  return text.split("\n").flatMap((line) => /^\s+\[([a-z0-9-]+)\] /.exec(line)?.[1] ?? []);
}

/** The file backend's lock files of every stack, as paths below the backend directory. */
function lockFiles(backendDir: string): string[] {
  try {
    return readdirSync(join(backendDir, ".pulumi", "locks"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
}

describeE2e("a fleet of stacks applied together", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  beforeAll(() => (kms = sandbox.kms("us-east-1")));

  it("--parallel 3: five new keys; each stack's plan and progress together, the summary and JSON in input order", async () => {
    const names = ["f-east", "f-west", "f-north", "f-south", "f-centre"];
    for (const name of names) sandbox.write(`fleet/${name}.yaml`, keyManifest({ name }));
    const dir = join(sandbox.dir, "fleet");
    const inputOrder = [...names].sort(); // a directory is read in name order

    const run = await sandbox.planton(["apply", "-f", dir, "--yes", "--parallel", "3", "--color", "never"]);
    expectExit(run, 0);
    const headings = run.stdout.split("\n").flatMap((line) => /^Stack (acme-prod-[a-z-]+) /.exec(line)?.[1] ?? []);
    expect(headings).toEqual(inputOrder.map((n) => `acme-prod-${n}`));
    // Once a stack's progress ends, none of its lines comes later: no lines of two stacks interleave.
    const progress = stacksOfProgressLines(run.stderr);
    const blocks = progress.filter((stack, i) => stack !== progress[i - 1]);
    expect(blocks).toEqual(inputOrder.map((n) => `acme-prod-${n}`));
    const summary = run.stderr.split("\n").flatMap((line) => /^\s+ok\s+(acme-prod-[a-z-]+) /.exec(line)?.[1] ?? []);
    expect(summary).toEqual(inputOrder.map((n) => `acme-prod-${n}`));
    for (const name of names) expect(await liveKeys(kms, name)).toHaveLength(1);

    const json = await sandbox.planton(["preview", "-f", dir, "--parallel", "3", "-o", "json"]);
    expectExit(json, 0);
    const document = JSON.parse(json.stdout) as { stacks: { stack: string; summary: Record<string, number> }[]; hasChanges: boolean };
    expect(document.stacks.map((s) => s.stack)).toEqual(inputOrder.map((n) => `acme-prod-${n}`));
    expect(document.stacks.map((s) => s.summary["same"])).toEqual(names.map(() => 2));
    expect(document.hasChanges).toBe(false);
  });

  it("--fail-fast: after the first refused stack no further stack starts, and the rest are reported as skipped", async () => {
    // The first manifest's alias is already held by a key made outside planton: its preview refuses.
    const outside = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms.send(new CreateAliasCommand({ AliasName: "alias/prod/ff-a-taken", TargetKeyId: outside }));
    for (const name of ["ff-a-taken", "ff-b", "ff-c"]) sandbox.write(`failfast/${name}.yaml`, keyManifest({ name }));
    const dir = join(sandbox.dir, "failfast");

    const run = await sandbox.planton(["apply", "-f", dir, "--yes", "--parallel", "1", "--fail-fast", "-o", "json"]);
    expectExit(run, 1);
    const document = JSON.parse(run.stdout) as { stacks: { stack: string; error: string | null }[] };
    expect(document.stacks.map((s) => [s.stack, s.error])).toEqual([
      ["acme-prod-ff-a-taken", `failed: cannot use alias/prod/ff-a-taken in us-east-1 for stack acme-prod-ff-a-taken: it already points at key ${outside}, which this stack does not manage`],
      ["acme-prod-ff-b", "skipped (--fail-fast)"],
      ["acme-prod-ff-c", "skipped (--fail-fast)"],
    ]);
    expect(run.stderr).toContain(`  skipped acme-prod-ff-b (${join(dir, "ff-b.yaml")}): skipped (--fail-fast)\n`);
    expect(await liveKeys(kms, "ff-b")).toEqual([]);
    expect(await liveKeys(kms, "ff-c")).toEqual([]);
  });

  it("Ctrl-C while four stacks create their keys stops them all gracefully; no lock is left and the next apply leaves one key each", async () => {
    const names = ["int-a", "int-b", "int-c", "int-d"];
    for (const name of names) sandbox.write(`interrupted/${name}.yaml`, keyManifest({ name }));
    const dir = join(sandbox.dir, "interrupted");
    const backendDir = new URL(sandbox.env["PULUMI_BACKEND_URL"]!).pathname;

    const child = sandbox.spawnPlanton(["apply", "-f", dir, "--yes", "--parallel", "4"]);
    const done = collect(child);
    await waitForStderr(child, "creating key");
    child.kill("SIGINT");
    const interrupted = await done;
    expect(interrupted.code).not.toBe(0);
    expect(interrupted.stderr).toContain("stopping: waiting for the engine to finish the operations in flight");
    expect(interrupted.stderr).not.toMatch(/\n\s+at /);
    expect(lockFiles(backendDir)).toEqual([]);

    const again = await sandbox.planton(["apply", "-f", dir, "--yes", "--parallel", "4"]);
    expectExit(again, 0);
    expect(again.stderr).not.toContain("another run holds its lock");
    for (const name of names) expect(await liveKeys(kms, name)).toHaveLength(1);
    expectExit(await sandbox.planton(["preview", "-f", dir, "--detailed-exitcode"]), 0);
  });
});
