import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runImport, type ImportOptions } from "../../src/cli/run-import";
import { PlantonError } from "../../src/core/planton-error";
import type { ReadKeyOptions } from "../../src/aws/read-key-facts";
import type { KeyReader } from "../../src/stack/import-key";
import { FACTS } from "../adopt/facts";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { tempDir } from "../support/temp-dir";

// planton import's printing with the engine and the key reader replaced: the manifest on stdout
// or in --out, the notes and the closing line on stderr, one JSON document on success and on
// failure, and an --out file that exists refused before anything is read. The real engine and
// the emulator are covered by test/e2e/import.test.ts.

const env = { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent", AWS_REGION: "us-east-1" };
const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({ keyId: "alias/prod/Payments_main", stackFlags: {}, output: "text", color: "never", verbose: false, ...extra });

function reader(): KeyReader & { reads: ReadKeyOptions[] } {
  const reads: ReadKeyOptions[] = [];
  return Object.assign(async (request: ReadKeyOptions) => (reads.push(request), FACTS), { reads });
}

const IMPORTED = `imported ${FACTS.arn} into stack prod-payments-main`;

describe("planton import's output", () => {
  it("prints the manifest on stdout, the notes and what was imported on stderr", async () => {
    const io = memoryIo({ env });
    expect(await runImport(options(), io, fakeEngine({ exists: false }), reader())).toBe(0);
    expect(io.out()).toMatch(/^# Adopted by planton import from arn:aws:kms:us-east-1:111122223333:key\/1234abcd-/);
    expect(io.out()).toContain("\napiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: prod-payments-main\nspec:\n  region: us-east-1\n");
    expect(io.err()).toContain("note: ");
    expect(io.err().trimEnd().split("\n").at(-1)).toBe(IMPORTED);
  });

  it("writes the manifest to --out and says so; -o json names the file in one document", async () => {
    const dir = tempDir("planton-import");
    const io = memoryIo({ env, cwd: dir });
    expect(await runImport(options({ file: "payments.yaml", output: "json" }), io, fakeEngine({ exists: false }), reader())).toBe(0);
    const manifest = readFileSync(join(dir, "payments.yaml"), "utf8");
    expect(JSON.parse(io.out())).toEqual({
      formatVersion: "2.1",
      imported: true,
      stack: "prod-payments-main",
      keyId: FACTS.keyId,
      keyArn: FACTS.arn,
      region: "us-east-1",
      file: "payments.yaml",
      manifest,
      notes: expect.arrayContaining([expect.any(String)]),
      ok: true,
      problems: [],
      error: null,
      hint: null,
    });
    expect(io.err()).toContain(`${IMPORTED}; manifest written to payments.yaml\n`);
  });

  it("refuses an --out file that exists before reading the key, leaving it as it was", async () => {
    const dir = tempDir("planton-import");
    writeFileSync(join(dir, "taken.yaml"), "mine\n");
    const io = memoryIo({ env, cwd: dir });
    const read = reader();
    const engine = fakeEngine({ exists: false });
    expect(await runImport(options({ file: "taken.yaml", output: "json" }), io, engine, read)).toBe(1);
    expect(JSON.parse(io.out())).toEqual({
      formatVersion: "2.1",
      imported: false,
      ok: false,
      problems: [],
      error: "cannot import the key alias/prod/Payments_main: taken.yaml already exists",
      hint: "pass --out with a new file name",
    });
    expect(io.err()).toBe("error: cannot import the key alias/prod/Payments_main: taken.yaml already exists\n  pass --out with a new file name\n");
    expect(readFileSync(join(dir, "taken.yaml"), "utf8")).toBe("mine\n");
    expect(read.reads).toEqual([]);
    expect(engine.calls).toEqual([]);
  });

  it("prints one JSON document and no manifest when the engine's import fails, and removes the stack", async () => {
    const io = memoryIo({ env });
    const engine = fakeEngine({ exists: false, fail: { update: new PlantonError("engine", "cannot update stack prod-payments-main: the provider failed") } });
    expect(await runImport(options({ output: "json" }), io, engine, reader())).toBe(1);
    expect(JSON.parse(io.out())).toEqual({ formatVersion: "2.1", imported: false, ok: false, problems: [], error: "cannot update stack prod-payments-main: the provider failed", hint: null });
    expect(io.err()).toContain("error: cannot update stack prod-payments-main: the provider failed\n");
    expect(io.err()).not.toContain("imported ");
    expect(engine.calls.map((c) => c.kind)).toContain("remove");
  });
});
