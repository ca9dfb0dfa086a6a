import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { maxAliasedValues } from "../../src/manifest/check-document";
import { maxSourceBytes } from "../../src/manifest/read-sources";
import { maxPolicyJsonDepth } from "../../src/policy/parse-policy-json";
import { maxProblemsPerInput } from "../../src/validate/cap-problems";
import { policyBlock } from "../support/policy-block";
import { tempDir } from "../support/temp-dir";

// Hostile and unlucky input to the shipped bin/planton (startup snapshot on): each case ends in
// bounded time with one clear problem, exit 1, and one JSON document for -o json.
const root = join(__dirname, "..", "..");
const planton = join(root, "bin", "planton");
const dir = tempDir("planton-hostile");
const header = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: hostile\nspec:\n";
const write = (name: string, text: string | Buffer): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

/** Runs bin/planton in `dir`; a case that hangs fails on the timeout instead of stalling the suite. */
function run(args: string[], input: string | Buffer = "") {
  const result = spawnSync(planton, args, { cwd: dir, input, timeout: 20_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
  expect(result.error).toBeUndefined();
  expect(result.signal).toBeNull();
  return { status: result.status, stdout: result.stdout.toString("utf8"), stderr: result.stderr.toString("utf8") };
}

interface ValidateJson {
  valid: boolean;
  manifests: { file: string; errors: { path: string; message: string; line: number | null }[] }[];
}
function runJson(args: string[], input: string | Buffer = ""): ValidateJson {
  const result = run([...args, "-o", "json"], input);
  expect(result.status).toBe(1);
  return JSON.parse(result.stdout) as ValidateJson;
}

jest.setTimeout(60_000);

describe("planton validate on hostile input", () => {
  it("makes an alias to a missing anchor an error at that field, not a dropped field", () => {
    write("alias.yaml", `${header}  deletionProtection: *protect\n${policyBlock}`);
    expect(run(["validate", "-f", "alias.yaml"])).toEqual({
      status: 1,
      stdout:
        "alias.yaml:6:23: spec.deletionProtection: *protect refers to no anchor: define &protect on a value before it, or write the value here\n" +
        "1 of 1 manifest invalid\n",
      stderr: "",
    });
    expect(runJson(["validate", "-f", "alias.yaml"]).manifests[0].errors).toEqual([
      expect.objectContaining({ path: "spec.deletionProtection", line: 6 }),
    ]);
  });

  it("bounds alias amplification by the values the aliases expand to, not by how many there are", () => {
    // Few aliases (under 100), each repeating a list of 1,000: a million values if expanded.
    const big = `[${Array(1000).fill('"arn:aws:iam::123456789012:role/R"').join(", ")}]`;
    const text = `${header}  description: &big ${big}\n  policy:\n    usageRoles: &twice [${Array(30).fill("*big").join(", ")}]\n    adminRoles: [${Array(30).fill("*twice").join(", ")}]\n`;
    write("amplify.yaml", text);
    const result = run(["validate", "-f", "amplify.yaml"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`aliases repeat more than ${maxAliasedValues} values in this document; a manifest needs far fewer: write the values out`);
    expect(result.stdout.length).toBeLessThan(20_000);
    const json = runJson(["validate", "-f", "amplify.yaml"]);
    expect(json.manifests[0].errors.filter((e) => e.message.startsWith("aliases repeat"))).toHaveLength(1);
  });

  it("stops an alias inside its own anchor", () => {
    write("self.yaml", `${header}  tags: &self {k: *self}\n`);
    expect(run(["validate", "-f", "self.yaml"]).stdout).toContain(`self.yaml:6:19: spec.tags.k: aliases repeat more than ${maxAliasedValues} values`);
  });

  it("refuses devices and FIFOs, given directly or behind a symlink in a -f directory, without reading them", () => {
    execFileSync("mkfifo", [join(dir, "pipe")]);
    mkdirSync(join(dir, "keys"));
    write(join("keys", "good.yaml"), `${header}  description: fine\n${policyBlock}`);
    symlinkSync("/dev/zero", join(dir, "keys", "zero.yaml"));
    symlinkSync(join(dir, "pipe"), join(dir, "keys", "pipe.yaml"));
    expect(run(["validate", "-f", "/dev/zero", "-f", "/dev/urandom", "-f", "pipe", "-f", "keys"])).toEqual({
      status: 1,
      stdout:
        "/dev/zero: is a character device, not a manifest file; planton reads regular files (or - for stdin)\n" +
        "/dev/urandom: is a character device, not a manifest file; planton reads regular files (or - for stdin)\n" +
        "pipe: is a named pipe (FIFO), not a manifest file; planton reads regular files (or - for stdin)\n" +
        "keys/pipe.yaml: is a named pipe (FIFO), not a manifest file; planton reads regular files (or - for stdin)\n" +
        "keys/zero.yaml: is a character device, not a manifest file; planton reads regular files (or - for stdin)\n" +
        "5 of 6 manifests invalid\n",
      stderr: "",
    });
  });

  it("reads at most the size limit from stdin, whatever flows in, and stops", () => {
    const tooLarge = `-: is too large for a manifest (more than ${maxSourceBytes} bytes)\n`;
    for (const shell of [`"${planton}" validate -f - < /dev/zero`, `cat /dev/urandom | "${planton}" validate -f -`]) {
      const result = spawnSync("sh", ["-c", shell], { cwd: dir, timeout: 20_000, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(result.signal).toBeNull();
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: `${tooLarge}1 of 1 manifest invalid\n` });
    }
  });

  it("limits how deep a policyJson nests, with a clear error and one JSON document", () => {
    const deep = `${"[".repeat(3000)}1${"]".repeat(3000)}`;
    write("deep.yaml", `${header}  policy:\n    policyJson: '{"Version": "2012-10-17", "Statement": ${deep}}'\n`);
    const message = `is nested more than ${maxPolicyJsonDepth} levels deep; a key policy needs about six (Statement, Condition, operator, key, values)`;
    expect(run(["validate", "-f", "deep.yaml"]).stdout).toBe(`deep.yaml:7:5: spec.policy.policyJson: ${message}\n1 of 1 manifest invalid\n`);
    expect(runJson(["validate", "-f", "deep.yaml"]).manifests[0].errors).toEqual([{ path: "spec.policy.policyJson", message, line: 7, column: 5 }]);
    expect(run(["policy", "-f", "deep.yaml"])).toMatchObject({ status: 1, stdout: "", stderr: `deep.yaml:7:5: spec.policy.policyJson: ${message}\n` });
  });

  it("says YAML nested thousands deep is too deep, as one problem", () => {
    write("deepyaml.yaml", `${header}  replicaRegions: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    expect(run(["validate", "-f", "deepyaml.yaml"]).stdout).toMatch(/^deepyaml\.yaml:6:\d+: invalid YAML: it is nested too deeply \(a manifest needs a few levels, not thousands\)\n1 of 1 manifest invalid\n$/);
  });

  it("prints the first problems of an input that has 120,000 and says how many more, in text and as one JSON document", () => {
    write("many.yaml", `${header}  replicaRegions: [${Array(120_000).fill("1").join(",")}]\n${policyBlock}`);
    const text = run(["validate", "-f", "many.yaml"]);
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(maxProblemsPerInput + 2);
    expect(lines.slice(-2)).toEqual([`many.yaml: and ${120_000 - maxProblemsPerInput} more problems not shown; fix the ones above and run again`, "1 of 1 manifest invalid"]);
    const json = runJson(["validate", "-f", "many.yaml"]);
    expect(json.valid).toBe(false);
    expect(json.manifests[0].errors).toHaveLength(maxProblemsPerInput + 1);
    expect(json.manifests[0].errors.at(-1)).toEqual({ path: "", message: `and ${120_000 - maxProblemsPerInput} more problems not shown; fix the ones above and run again`, line: null, column: null });
  });

  it("shows escape sequences in field names, tag keys and --set paths escaped, never raw", () => {
    write("escape.yaml", `${header}  "\\e]0;owned\\a\\e[2K": 1\n  tags:\n    "aws:\\e[31mred": x\n`);
    const result = run(["validate", "-f", "escape.yaml", "--set", "spec.\u001b[1Abad=1"]);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.stdout).toContain('escape.yaml:6:3: spec.\\x1b]0;owned\\x07\\x1b[2K: unknown field "\\x1b]0;owned\\x07\\x1b[2K" in spec');
    expect(result.stdout).toContain("escape.yaml:8:5: spec.tags.aws:\\x1b[31mred: ");
    expect(result.stdout).toContain('--set: spec.\\x1b[1Abad: unknown field "\\x1b" in spec');
    // JSON keeps the text as it is: JSON escapes control characters itself.
    const json = run(["validate", "-f", "escape.yaml", "-o", "json"]);
    expect(JSON.parse(json.stdout).manifests[0].errors[0].path).toBe("spec.\u001b]0;owned\u0007\u001b[2K");
  });

  it('makes -f "" a usage error instead of validating the working directory', () => {
    write("fine.yaml", `${header}  description: fine\n`);
    for (const command of ["validate", "policy"]) {
      const result = run([command, "-f", ""]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("error: option '-f, --filename <path>' argument '' is invalid. must not be empty: give a file, a directory of *.yaml/*.yml, or - for stdin.");
    }
  });

  it("names UTF-16 and says how to save the file as UTF-8, from a file or stdin", () => {
    const text = `${header}  description: hi\n${policyBlock}`;
    write("le.yaml", Buffer.from(`\ufeff${text}`, "utf16le"));
    write("nobom.yaml", Buffer.from(text, "utf16le"));
    write("be.yaml", Buffer.from(`\ufeff${text}`, "utf16le").swap16());
    const problem = "is UTF-16 text; planton reads UTF-8: save it as UTF-8 (in your editor, or: iconv -f UTF-16 -t UTF-8 FILE > NEW-FILE)";
    expect(run(["validate", "-f", "le.yaml", "-f", "nobom.yaml", "-f", "be.yaml"]).stdout).toBe(
      `le.yaml: ${problem}\nnobom.yaml: ${problem}\nbe.yaml: ${problem}\n3 of 3 manifests invalid\n`,
    );
    expect(run(["validate", "-f", "-"], Buffer.from(`\ufeff${text}`, "utf16le")).stdout).toBe(`-: ${problem}\n1 of 1 manifest invalid\n`);
    // The fix the message gives works.
    execFileSync("sh", ["-c", "iconv -f UTF-16 -t UTF-8 le.yaml > fixed.yaml"], { cwd: dir });
    expect(run(["validate", "-f", "fixed.yaml"])).toMatchObject({ status: 0, stdout: "1 manifest valid\n" });
  });
});
