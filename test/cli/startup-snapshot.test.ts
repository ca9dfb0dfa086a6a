import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runLauncher, type LauncherRun } from "../support/launcher-run";

// bin/planton starts from dist/planton.blob (a V8 startup snapshot of the bundled CLI) when it
// is fresh; these tests pin that the launcher really takes the snapshot, and that every command
// the snapshot serves gives the same result as dist/ itself, for the intended reason: each case
// says what its run must show, so two runs failing the same wrong way do not pass.
const root = join(__dirname, "..", "..");

const WILDCARD_ADMIN = `apiVersion: aws.project-planton.org/v1
kind: AwsKmsKey
metadata:
  name: wildcard
spec:
  region: us-east-1
  policy:
    adminRole: "*"
`;

interface ParityCase {
  readonly args: readonly string[];
  readonly stdin?: string;
  readonly code: number;
  /** What stdout or stderr must show: the run did what the case is about. */
  readonly stdout?: RegExp;
  readonly stderr?: RegExp;
}

const cases: Record<string, ParityCase> = {
  "validate, valid manifests": { args: ["validate", "-f", "examples"], code: 0, stdout: /^\d+ manifests valid$/m },
  "validate, an invalid override, as JSON": {
    args: ["validate", "-f", "examples/minimal.yaml", "--set", "spec.deletionWindowDays=3", "-o", "json"],
    code: 1,
    stdout: /"path": "spec\.deletionWindowDays",\s+"message": "must be between 7 and 30 \(got 3\)"/,
  },
  "validate, broken YAML on stdin": { args: ["validate", "-f", "-"], stdin: "x: [", code: 1, stdout: /^-:\d+:\d+: invalid YAML: flow sequence .* end with a \]$/m },
  "init": { args: ["init", "--name", "payments"], code: 0, stdout: /^ {2}name: payments$/m },
  "init, a bad name": { args: ["init", "--name", "Bad_Name"], code: 1, stderr: /^error: cannot write the example: --name must be .*\(got "Bad_Name"\)$/m },
  "schema": { args: ["schema"], code: 0, stdout: /^ {2}"\$schema": "http:\/\/json-schema\.org\/draft-07\/schema#",$/m },
  "schema, an unknown option": { args: ["schema", "--bogus"], code: 1, stderr: /^error: unknown option '--bogus'$/m },
  "policy": { args: ["policy", "-f", "examples/prod-rds-primary.yaml"], code: 0, stdout: /"Sid": "KeyAdministration"/ },
  "policy, a wildcard admin": { args: ["policy", "-f", "-"], stdin: WILDCARD_ADMIN, code: 1, stderr: /^-:8:\d+: spec\.policy\.adminRole: must not be a wildcard principal/m },
  "--version": { args: ["--version"], code: 0, stdout: /^\d+\.\d+\.\d+\n$/ },
  "help": { args: ["validate", "--help"], code: 0, stdout: /^Usage: planton validate /m },
  "an unknown command": { args: ["frobnicate"], code: 1, stderr: /^error: unknown command 'frobnicate'/m },
};

function expectIntended(run: LauncherRun, expected: ParityCase): void {
  const shown = `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
  expect({ code: run.code, shown }).toMatchObject({ code: expected.code });
  if (expected.stdout) expect(run.stdout).toMatch(expected.stdout);
  if (expected.stderr) expect(run.stderr).toMatch(expected.stderr);
  expect(run.stderr).not.toMatch(/bug in planton|dynamic import|cannot load|Cannot find module|\n\s+at /);
}

describe("bin/planton's startup snapshot", () => {
  it("holds no dynamic import(): a script compiled into the snapshot has no callback for one", () => {
    const bundle = readFileSync(join(root, "dist", "planton.bundle.js"), "utf8");
    expect(bundle.match(/\bimport\s*\(/g) ?? []).toEqual([]);
  });

  it.each(Object.entries(cases))("serves %s as dist/ does, for the intended reason", (_name, expected) => {
    const fromSnapshot = runLauncher(expected.args, { cwd: root, stdin: expected.stdin ?? "" });
    const fromDist = runLauncher(expected.args, { cwd: root, stdin: expected.stdin ?? "", env: { PLANTON_NO_SNAPSHOT: "1" } });
    expect(fromSnapshot.started).toBe("snapshot");
    expect(fromDist.started).toBe("dist");
    expectIntended(fromSnapshot, expected);
    expect({ code: fromSnapshot.code, stdout: fromSnapshot.stdout, stderr: fromSnapshot.stderr }).toEqual({ code: fromDist.code, stdout: fromDist.stdout, stderr: fromDist.stderr });
  });

  it("loads the engine commands' Pulumi SDK at run time from the snapshot", () => {
    // outputs needs @pulumi/pulumi/automation, which the snapshot leaves out; with no Pulumi CLI
    // on PATH it must fail with planton's own message, not a module-loading error.
    const result = runLauncher(["outputs", "-f", "examples/minimal.yaml", "--region", "us-east-1"], { cwd: root, env: { PATH: `${join(process.execPath, "..")}:/usr/bin:/bin` } });
    expect(result.started).toBe("snapshot");
    expect(result.stderr).toMatch(/^error: .*[Pp]ulumi/m);
    expect(result.stderr).not.toMatch(/Cannot find module|cannot load|dynamic import|bug in planton/);
    expect(result.code).toBe(1);
  });
});
