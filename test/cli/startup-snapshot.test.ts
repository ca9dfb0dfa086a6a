import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

// bin/planton starts from dist/planton.blob (a V8 startup snapshot of the bundled CLI) when it
// is fresh; these tests pin that the snapshot is built and behaves exactly like dist/ itself.
const root = join(__dirname, "..", "..");
const planton = join(root, "bin", "planton");
const blob = join(root, "dist", "planton.blob");
const entry = join(root, "dist", "src", "cli", "entry.js");

function run(args: string[], env: Record<string, string> = {}, input = "") {
  const result = spawnSync(planton, args, { cwd: root, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("bin/planton's startup snapshot", () => {
  it("is built by npm run build, after dist/ was compiled", () => {
    expect(existsSync(blob)).toBe(true);
    expect(statSync(blob).mtimeMs).toBeGreaterThan(statSync(entry).mtimeMs);
  });

  it.each([
    ["valid manifests", ["validate", "-f", "examples"]],
    ["an invalid override, as JSON", ["validate", "-f", "examples/minimal.yaml", "--set", "spec.deletionWindowDays=3", "-o", "json"]],
    ["broken YAML on stdin", ["validate", "-f", "-"]],
    ["--version", ["--version"]],
    ["help", ["validate", "--help"]],
    ["an unknown command", ["frobnicate"]],
    ["init", ["init", "--name", "payments"]],
    ["policy", ["policy", "-f", "examples/prod-rds-primary.yaml"]],
  ])("gives the same result as dist/ for %s", (_name, args) => {
    const fromSnapshot = run(args, {}, "x: [");
    const fromDist = run(args, { PLANTON_NO_SNAPSHOT: "1" }, "x: [");
    expect(fromSnapshot).toEqual(fromDist);
  });

  it("loads the engine commands' Pulumi SDK at run time from the snapshot", () => {
    // outputs needs @pulumi/pulumi/automation, which the snapshot leaves out; with no Pulumi CLI
    // on PATH it must fail with planton's own message, not a module-loading error.
    const result = run(["outputs", "-f", "examples/minimal.yaml", "--region", "us-east-1"], { PATH: `${join(process.execPath, "..")}:/usr/bin:/bin` });
    expect(result.stderr).not.toContain("Cannot find module");
    expect(result.stderr).not.toContain("cannot load");
    expect(result.status).toBe(1);
  });
});
