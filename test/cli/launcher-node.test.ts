import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A node older than engines.node (22) gets one sentence saying so, from bin/planton and from
// `npm install` in this checkout (its prepare script), instead of a crash inside a dependency.
// The old node is PLANTON_TEST_OLD_NODE (.ci/run sets it) or the machine's own, when it is old.
const root = join(__dirname, "..", "..");
const planton = join(root, "bin", "planton");
const refusal = /^planton: Node\.js 22 or later is required; this is Node\.js v(1\d|2[01])\.\d+\.\d+ \(\/.+\)\n$/;

function major(node: string): number {
  const result = spawnSync(node, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" });
  return result.status === 0 ? Number(result.stdout.trim()) : Infinity;
}

const oldNode = [process.env["PLANTON_TEST_OLD_NODE"], "/usr/bin/node", "/usr/local/bin/node"]
  .filter((node): node is string => node !== undefined && node !== "" && existsSync(node))
  .find((node) => major(node) < 22);
if (oldNode === undefined) process.stderr.write("launcher-node tests skipped: no node older than 22 here (set PLANTON_TEST_OLD_NODE)\n");

/** A PATH whose `node` is the old one, ahead of the system's tools. */
let path = "";
beforeAll(() => {
  path = mkdtempSync(join(tmpdir(), "planton-old-node-"));
  if (oldNode !== undefined) symlinkSync(oldNode, join(path, "node"));
});
afterAll(() => rmSync(path, { recursive: true, force: true }));

function run(command: string, args: readonly string[]) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PATH: `${path}:${process.env["PATH"]}`, NO_COLOR: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

(oldNode === undefined ? describe.skip : describe)("planton on a node older than 22", () => {
  it.each([
    ["validate", ["validate", "-f", "examples/minimal.yaml"]],
    ["an engine command", ["preview", "-f", "examples/minimal.yaml"]],
    ["--version", ["--version"]],
  ])("bin/planton refuses %s in one line and exit 1", (_name, args) => {
    const result = run(planton, args);
    expect(result.stderr).toMatch(refusal);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(1);
  });

  it("npm install in this checkout says it before building (the prepare script)", () => {
    const result = run("npm", ["run", "--silent", "prepare"]);
    expect(result.stderr).toMatch(refusal);
    expect(result.status).not.toBe(0);
  });
});
