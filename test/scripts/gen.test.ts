import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// scripts/gen.mjs deletes and regenerates gen/ by default, so a mistyped mode must stop it first.
// It runs from a copy in a scratch root, so a regression could only ever touch that copy's gen/.
const root = join(__dirname, "..", "..");
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "planton-gen-"));
  mkdirSync(join(scratch, "scripts"));
  for (const name of ["gen.mjs", "print-protovalidate-proto.mjs"]) copyFileSync(join(root, "scripts", name), join(scratch, "scripts", name));
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"));
  mkdirSync(join(scratch, "gen"));
  writeFileSync(join(scratch, "gen", "keep.txt"), "generated code stays\n");
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it.each(["--chek", "check", "--check extra"])("refuses '%s' with a usage line and leaves gen/ alone", (args) => {
  const result = spawnSync(process.execPath, [join(scratch, "scripts", "gen.mjs"), ...args.split(" ")], { cwd: scratch, encoding: "utf8" });
  expect({ status: result.status, stderr: result.stderr, stdout: result.stdout }).toEqual({
    status: 1,
    stderr: "usage: node scripts/gen.mjs [--write | --check | --lint-only]\n",
    stdout: "",
  });
  expect(existsSync(join(scratch, "gen", "keep.txt"))).toBe(true);
});
