import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { policyBlock } from "../support/policy-block";
import { tempDir } from "../support/temp-dir";

// Through the shipped bin/planton: every problem of a document at once, and manifests that are
// valid alone but collide with each other (one stack, one alias in a region) refused by validate.
const planton = join(__dirname, "..", "..", "bin", "planton");
const dir = tempDir("planton-across");
const manifest = (name: string, spec: string, metadata = ""): string =>
  `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\n${metadata}spec:\n${spec}`;
const write = (file: string, text: string): string => {
  writeFileSync(join(dir, file), text);
  return file;
};
function run(args: string[]) {
  const result = spawnSync(planton, args, { cwd: dir, encoding: "utf8", timeout: 20_000, env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

jest.setTimeout(60_000);

describe("planton validate reports every problem at once", () => {
  it("reports an unknown field together with a wrong key usage, a bad window and a wildcard principal", () => {
    write("all.yaml", manifest("all", '  colour: red\n  keySpec: SYMMETRIC_DEFAULT\n  keyUsage: SIGN_VERIFY\n  deletionWindowDays: 3\n  policy:\n    usageRoles: ["*"]\n'));
    const result = run(["validate", "-f", "all.yaml"]);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n").map((line) => line.replace(/: .*/, ""))).toEqual([
      "all.yaml:6:3", "all.yaml:8:3", "all.yaml:9:3", "all.yaml:11:18", "1 of 1 manifest invalid", "",
    ]);
    expect(result.stdout).toContain("all.yaml:8:3: spec.keyUsage: SIGN_VERIFY is not allowed for SYMMETRIC_DEFAULT keys; use ENCRYPT_DECRYPT\n");
    const json = JSON.parse(run(["validate", "-f", "all.yaml", "-o", "json"]).stdout);
    expect(json.manifests[0].errors.map((e: { path: string }) => e.path)).toEqual(["spec.colour", "spec.keyUsage", "spec.deletionWindowDays", "spec.policy.usageRoles[0]"]);
  });

  it("leaves out only the problems that depend on a field that is already wrong", () => {
    // keySpec is broken, so keyUsage cannot be judged against it; the replica rule reads neither.
    write("depends.yaml", manifest("depends", "  keySpec: BOGUS\n  keyUsage: SIGN_VERIFY\n  region: us-east-1\n  replicaRegions: [us-east-1]\n"));
    const paths = JSON.parse(run(["validate", "-f", "depends.yaml", "-o", "json"]).stdout).manifests[0].errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(["spec.keySpec", "spec.replicaRegions", "spec.replicaRegions[0]"]);
  });
});

describe("planton validate refuses manifests that collide", () => {
  it("refuses two manifests of one stack, naming both files and lines", () => {
    write("one.yaml", manifest("shared", `  region: us-east-1\n  alias: alias/one\n${policyBlock}`, "  env: prod\n"));
    write("two.yaml", `# the same stack, by label\n${manifest("other", `  region: eu-west-1\n  alias: alias/two\n${policyBlock}`, "  labels: {planton.org/stack: prod-shared}\n")}`);
    expect(run(["validate", "-f", "one.yaml", "-f", "two.yaml"])).toEqual({
      status: 1,
      stdout:
        "two.yaml:5:3: metadata.name: deploys to stack prod-shared, as one.yaml:4 (shared) does: one would overwrite the other's key; give one of them another name, org, env or a planton.org/stack label\n" +
        "1 of 2 manifests invalid\n",
      stderr: "",
    });
    expect(run(["policy", "-f", "one.yaml", "-f", "two.yaml"])).toMatchObject({ status: 1, stdout: "" });
  });

  it("refuses two manifests with one alias in one region, also through a replica, in text and JSON", () => {
    write("a.yaml", manifest("a", `  region: us-east-1\n  alias: alias/app\n${policyBlock}`));
    write("b.yaml", manifest("b", `  region: us-east-1\n  alias: alias/app\n${policyBlock}`));
    write("elsewhere.yaml", manifest("elsewhere", `  region: eu-west-1\n  alias: alias/app\n${policyBlock}`));
    write("replica.yaml", manifest("replica", `  region: us-west-2\n  alias: alias/app\n  multiRegion: true\n  replicaRegions: [eu-west-1]\n${policyBlock}`));
    const text = run(["validate", "-f", "a.yaml", "-f", "b.yaml", "-f", "elsewhere.yaml", "-f", "replica.yaml"]);
    expect(text.stdout).toBe(
      "b.yaml:7:3: spec.alias: alias/app in us-east-1 is also the alias of a.yaml:7 (a): an alias names one key per region, so one key would be left without it; choose another alias\n" +
      "replica.yaml:7:3: spec.alias: alias/app in eu-west-1 is also the alias of elsewhere.yaml:7 (elsewhere): an alias names one key per region, so one key would be left without it; choose another alias\n" +
      "2 of 4 manifests invalid\n",
    );
    const json = JSON.parse(run(["validate", "-f", "a.yaml", "-f", "b.yaml", "-o", "json"]).stdout);
    expect(json).toEqual({
      valid: false,
      manifests: [
        { file: "a.yaml", name: "a", errors: [], warnings: [] },
        { file: "b.yaml", name: "b", errors: [expect.objectContaining({ path: "spec.alias", line: 7 })], warnings: [] },
      ],
    });
    // One alias in different regions is fine.
    expect(run(["validate", "-f", "a.yaml", "-f", "elsewhere.yaml"])).toMatchObject({ status: 0 });
  });
});
