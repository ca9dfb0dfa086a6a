import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { policyBlock } from "../support/policy-block";

// Every engine command prints exactly one JSON document on stdout whatever happens, through
// bin/planton as installed (startup snapshot on): an invalid manifest, an engine that cannot
// start (no Pulumi CLI on PATH). Refusals and a missing stack need the real engine: test/e2e.

const root = join(__dirname, "..", "..");
const planton = join(root, "bin", "planton");
let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "planton-json-failure-"));
  // node and the system's tools, no Pulumi CLI: the engine fails to start.
  symlinkSync(process.execPath, join(dir, "node"));
  path = [dir, "/usr/bin", "/bin"].join(":");
  const key = (name: string, extra = "") =>
    `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\n  org: acme\n  env: prod\nspec:\n  region: us-east-1\n${extra}${policyBlock}`;
  writeFileSync(join(dir, "bad.yaml"), key("bad", "  deletionWindowDays: 3\n"));
  writeFileSync(join(dir, "a.yaml"), key("a"));
  writeFileSync(join(dir, "b.yaml"), key("b"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const env = { PATH: path, HOME: dir, NO_COLOR: "1", PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: `file://${dir}/state` };
  const result = spawnSync(planton, args, { cwd: dir, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const commands: [string, string[]][] = [
  ["preview", ["preview"]],
  ["apply", ["apply", "--yes"]],
  ["destroy", ["destroy", "--yes"]],
  ["refresh", ["refresh"]],
  ["outputs", ["outputs"]],
];

describe.each(commands)("planton %s -o json", (_name, command) => {
  it("on an invalid manifest: one document with each problem's path, message, file, line and manifest; exit 1", () => {
    const result = run([...command, "-f", "bad.yaml", "-o", "json"]);
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ formatVersion: "2.1", ok: false, stacks: [], error: null });
    expect(document.problems).toEqual([
      { file: "bad.yaml", name: "bad", path: "spec.deletionWindowDays", message: "must be between 7 and 30 (got 3)", severity: "error", line: 9, column: 3 },
    ]);
    // The problems are on stderr for a person too.
    expect(result.stderr).toContain("bad.yaml:9:3: spec.deletionWindowDays: must be between 7 and 30 (got 3)");
  });

  it("when the engine cannot start: one document naming each stack (stack, file, name) with its error; exit 1", () => {
    const result = run([...command, "-f", "a.yaml", "-f", "b.yaml", "-o", "json"]);
    expect(result.status).toBe(1);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ formatVersion: "2.1", ok: false, problems: [], error: null });
    expect(document.stacks.map((s: { stack: string; file: string; name: string; error: string }) => [s.stack, s.file, s.name, s.error])).toEqual([
      ["acme-prod-a", "a.yaml", "a", "failed: cannot find the Pulumi CLI"],
      ["acme-prod-b", "b.yaml", "b", "failed: cannot find the Pulumi CLI"],
    ]);
  });
});

describe("one stack that fails", () => {
  it.each([["apply", ["apply", "--yes"]], ["outputs", ["outputs"]]])(
    "%s -o json prints the run document (with formatVersion), not a StackOutputs message",
    (_name, command) => {
      const result = run([...command, "-f", "a.yaml", "-o", "json"]);
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout)).toEqual({
        formatVersion: "2.1",
        stacks: [{ stack: "acme-prod-a", file: "a.yaml", name: "a", outputs: null, error: "failed: cannot find the Pulumi CLI", locks: [], ...(command[0] === "apply" ? { refusals: [] } : {}) }],
        ok: false,
        problems: [],
        error: null,
      });
    },
  );

  it("-o yaml prints the same document as YAML", () => {
    const json = JSON.parse(run(["refresh", "-f", "a.yaml", "-o", "json"]).stdout);
    const yaml = run(["refresh", "-f", "a.yaml", "-o", "yaml"]);
    expect(yaml.status).toBe(1);
    expect(parse(yaml.stdout)).toEqual(json);
    expect(json).toMatchObject({ drifted: null, stacks: [{ drift: null }] });
  });
});
