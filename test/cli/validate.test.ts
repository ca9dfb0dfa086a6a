import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";
import { tempDir } from "../support/temp-dir";

const examples = join(__dirname, "..", "..", "examples");
const dir = tempDir("planton-validate");
const header = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: orders\n";
// Every manifest without spec.policy gets this warning (the AWS default key policy), at its spec line.
const DEFAULT_POLICY = "not set: the key gets the AWS default key policy, which gives the account root kms:* (any principal of the account that IAM allows may manage and use the key); set adminRole and usageRoles for least privilege";
const defaultPolicyWarning = (at: string) => `${at}: warning: spec.policy: ${DEFAULT_POLICY}\n`;

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

async function validate(args: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo({ cwd: dir, ...options });
  const code = await runCli(["validate", ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe("planton validate", () => {
  it("accepts every example, one by one and as a directory", async () => {
    const names = readdirSync(examples).filter((n) => n.endsWith(".yaml"));
    expect(names).toEqual(expect.arrayContaining(["prod-rds-primary.yaml", "minimal.yaml", "signing-rsa.yaml", "hmac.yaml", "multi-region.yaml"]));
    for (const name of names) {
      const result = await validate(["-f", join(examples, name)]);
      const text = readFileSync(join(examples, name), "utf8");
      const specLine = text.split("\n").findIndex((line) => line.startsWith("spec:")) + 1;
      const warning = /^  policy:/m.test(text) ? "" : defaultPolicyWarning(`${join(examples, name)}:${specLine}:1`);
      expect({ name, ...result }).toEqual({ name, code: 0, out: `${warning}1 manifest valid\n`, err: "" });
    }
    const all = await validate(["-f", examples]);
    expect({ code: all.code, summary: all.out.split("\n").slice(-2)[0], err: all.err }).toEqual({ code: 0, summary: `${names.length} manifests valid`, err: "" });
  });

  it("reports a policy problem together with a problem elsewhere in the spec", async () => {
    file(
      "both.yaml",
      `${header}spec:\n  deletionWindowDays: 3\n  keySpec: RSA_4096\n  policy:\n    adminRole: "arn:aws:iam::123456789012:role/Admin"\n    usageRoles: ["arn:aws:iam::123456789012:role/App"]\n    encryptionContext: { App: orders }\n`,
    );
    const result = await validate(["-f", "both.yaml"]);
    expect(result.code).toBe(1);
    expect(result.out).toContain("spec.deletionWindowDays: must be between 7 and 30 (got 3)");
    expect(result.out).toMatch(/spec\.policy\.encryptionContext: .*symmetric/i);
  });

  it("prints problems like a compiler and a summary, and exits 1", async () => {
    file("bad.yaml", `${header}spec:\n  deletionWindowDays: 3\n  keySpc: RSA_2048\n`);
    file("good.yaml", `${header}spec: {}\n`);
    expect(await validate(["-f", "bad.yaml", "-f", "good.yaml"])).toEqual({
      code: 1,
      out:
        defaultPolicyWarning("bad.yaml:5:1") +
        "bad.yaml:6:3: spec.deletionWindowDays: must be between 7 and 30 (got 3)\n" +
        'bad.yaml:7:3: spec.keySpc: unknown field "keySpc" in spec (did you mean "keySpec"?)\n' +
        defaultPolicyWarning("good.yaml:5:1") +
        "1 of 2 manifests invalid\n",
      err: "",
    });
  });

  it("does not call a policy block that is written but broken \"not set\"", async () => {
    file("policy5.yaml", `${header}spec:\n  policy: 5\n`);
    file("nopolicy.yaml", `${header}spec:\n  policy: *nope\n`);
    expect(await validate(["-f", "policy5.yaml", "-f", "nopolicy.yaml"])).toEqual({
      code: 1,
      out:
        "policy5.yaml:6:11: spec.policy: must be a mapping of fields, not the value 5\n" +
        "nopolicy.yaml:6:11: spec.policy: *nope refers to no anchor: define &nope on a value before it, or write the value here\n" +
        "2 of 2 manifests invalid\n",
      err: "",
    });
  });

  it("prints warnings with warning: and still exits 0", async () => {
    file("root.yaml", `${header}spec:\n  policy:\n    adminRole: "arn:aws:iam::123456789012:role/Admin"\n    usageRoles: ["arn:aws:iam::123456789012:root"]\n`);
    const result = await validate(["-f", "root.yaml"]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^root\.yaml:8:\d+: warning: spec\.policy\.usageRoles\[0\]: .+\n1 manifest valid\n$/);
  });

  it("prints exactly one JSON document with --output json", async () => {
    file("bad.yaml", `${header}spec:\n  deletionWindowDays: 3\n`);
    const result = await validate(["-f", "bad.yaml", "-f", join(examples, "minimal.yaml"), "-o", "json"]);
    expect(result.code).toBe(1);
    expect(result.err).toBe("");
    expect(JSON.parse(result.out)).toEqual({
      valid: false,
      manifests: [
        {
          file: "bad.yaml",
          name: "orders",
          errors: [{ path: "spec.deletionWindowDays", message: "must be between 7 and 30 (got 3)", line: 6, column: 3 }],
          warnings: [{ path: "spec.policy", message: DEFAULT_POLICY, line: 5, column: 1 }],
        },
        { file: join(examples, "minimal.yaml"), name: "minimal-key", errors: [], warnings: [expect.objectContaining({ path: "spec.policy", message: DEFAULT_POLICY })] },
      ],
    });
    const ok = await validate(["-f", join(examples, "minimal.yaml"), "--output", "json"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).valid).toBe(true);
  });

  it("reads stdin and applies --set and --region", async () => {
    const stdin = `${header}spec:\n  multiRegion: true\n  replicaRegions: [eu-west-1]\n`;
    expect(await validate(["-f", "-", "--set", "spec.deletionWindowDays=3"], { stdin })).toEqual({
      code: 1,
      out: `${defaultPolicyWarning("-:5:1")}--set: spec.deletionWindowDays: must be between 7 and 30 (got 3)\n1 of 1 manifest invalid\n`,
      err: "",
    });
    expect((await validate(["-f", "-", "--region", "eu-west-1"], { stdin })).out).toBe(
      `${defaultPolicyWarning("-:5:1")}-:7:20: spec.replicaRegions[0]: must not be the primary region eu-west-1: the key is already there\n1 of 1 manifest invalid\n`,
    );
    expect((await validate(["-f", "-"], { stdin, env: { AWS_REGION: "eu-west-1" } })).code).toBe(1);
    expect((await validate(["-f", "-"], { stdin, env: { AWS_DEFAULT_REGION: "us-east-1" } })).code).toBe(0);
  });

  it("reports bad input in one line each, never a stack trace", async () => {
    file("empty.yaml", "");
    file("broken.yaml", "spec: [\n");
    const result = await validate(["-f", "missing.yaml", "-f", "empty.yaml", "-f", "broken.yaml"]);
    expect(result).toEqual({
      code: 1,
      out:
        "missing.yaml: cannot read file: no such file or directory\n" +
        "empty.yaml: file has no manifest: it is empty or holds only comments\n" +
        "broken.yaml:2:1: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]\n" +
        "3 of 3 manifests invalid\n",
      err: "",
    });
  });

  it("reports inputs in the order given, unreadable ones in their place", async () => {
    file("good.yaml", `${header}spec: {}\n`);
    file("bad.yaml", `${header}spec:\n  deletionWindowDays: 3\n`);
    const result = await validate(["-f", "good.yaml", "-f", "missing.yaml", "-f", "bad.yaml", "-o", "json"]);
    expect(JSON.parse(result.out).manifests.map((m: { file: string }) => m.file)).toEqual(["good.yaml", "missing.yaml", "bad.yaml"]);
    const text = await validate(["-f", "bad.yaml", "-f", "missing.yaml"]);
    expect(text.out).toBe(
      defaultPolicyWarning("bad.yaml:5:1") +
        "bad.yaml:6:3: spec.deletionWindowDays: must be between 7 and 30 (got 3)\n" +
        "missing.yaml: cannot read file: no such file or directory\n" +
        "2 of 2 manifests invalid\n",
    );
  });

  it("counts a file with a YAML warning as its manifests only, the warning going with the first", async () => {
    file("directive.yaml", `%FOO bar\n---\n${header}spec: {}\n`);
    expect(await validate(["-f", "directive.yaml"])).toEqual({
      code: 0,
      out: `directive.yaml:1:1: warning: unknown directive %FOO\n${defaultPolicyWarning("directive.yaml:7:1")}1 manifest valid\n`,
      err: "",
    });
    const json = JSON.parse((await validate(["-f", "directive.yaml", "-o", "json"])).out);
    expect(json.manifests).toEqual([
      {
        file: "directive.yaml",
        name: "orders",
        errors: [],
        warnings: [expect.objectContaining({ path: "", message: "unknown directive %FOO", line: 1 }), expect.objectContaining({ path: "spec.policy", line: 7 })],
      },
    ]);
    file("directive-only.yaml", "%FOO bar\n---\n");
    expect((await validate(["-f", "directive-only.yaml"])).out).toBe(
      "directive-only.yaml:1:1: warning: unknown directive %FOO\n" +
        "directive-only.yaml: file has no manifest: it is empty or holds only comments\n" +
        "1 of 1 manifest invalid\n",
    );
  });

  it("reports a bad --region or AWS_REGION once, against the flag or variable, not on each manifest", async () => {
    file("one.yaml", `${header}spec: {}\n`);
    file("two.yaml", `${header.replace("orders", "billing")}spec: {}\n`);
    expect(await validate(["-f", "one.yaml", "-f", "two.yaml", "--region", "moon"])).toEqual({
      code: 1,
      out: `--region: must be an AWS region name such as us-east-1 (got "moon")\n${defaultPolicyWarning("one.yaml:5:1")}${defaultPolicyWarning("two.yaml:5:1")}2 manifests valid, but --region is invalid\n`,
      err: "",
    });
    const fromEnv = await validate(["-f", "one.yaml", "-f", "two.yaml", "-o", "json"], { env: { AWS_REGION: "bad" } });
    expect(fromEnv.code).toBe(1);
    expect(JSON.parse(fromEnv.out).manifests).toEqual([
      { file: "AWS_REGION", name: "", errors: [expect.objectContaining({ path: "", message: 'must be an AWS region name such as us-east-1 (got "bad")' })], warnings: [] },
      { file: "one.yaml", name: "orders", errors: [], warnings: [expect.objectContaining({ path: "spec.policy" })] },
      { file: "two.yaml", name: "billing", errors: [], warnings: [expect.objectContaining({ path: "spec.policy" })] },
    ]);
  });

  it("prints the JSON report's document in YAML with -o yaml", async () => {
    file("bad.yaml", `${header}spec:\n  deletionWindowDays: 3\n`);
    const args = ["-f", "bad.yaml", "-f", "missing.yaml"];
    const yaml = await validate([...args, "-o", "yaml"]);
    expect(yaml.code).toBe(1);
    expect(yaml.err).toBe("");
    expect(parse(yaml.out)).toEqual(JSON.parse((await validate([...args, "-o", "json"])).out));
    expect(yaml.out).toContain("valid: false\nmanifests:\n  - file: bad.yaml\n");
  });

  it("gives every JSON problem a line and column, null when unknown", async () => {
    file("good.yaml", `${header}spec: {}\n`);
    const result = await validate(["-f", "missing.yaml", "-f", "good.yaml", "--set", "spec.nope=1", "-o", "json"]);
    const problems = JSON.parse(result.out).manifests.flatMap((m: { errors: unknown[] }) => m.errors);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const problem of problems) expect(Object.keys(problem).sort()).toEqual(["column", "line", "message", "path"]);
    expect(problems).toContainEqual({ path: "", message: "cannot read file: no such file or directory", line: null, column: null });
  });

  it("colours only on a terminal, unless NO_COLOR or --color says otherwise", async () => {
    file("bad.yaml", `${header}spec:\n  deletionWindowDays: 3\n`);
    const escape = "\u001b[";
    expect((await validate(["-f", "bad.yaml"], { tty: true })).out).toContain(escape);
    expect((await validate(["-f", "bad.yaml"], { tty: true, env: { NO_COLOR: "1" } })).out).not.toContain(escape);
    expect((await validate(["-f", "bad.yaml"], { tty: false })).out).not.toContain(escape);
    const io = memoryIo({ cwd: dir });
    await runCli(["--color", "always", "validate", "-f", "bad.yaml"], io);
    expect(io.out()).toContain(`${escape}1mbad.yaml:6:3${escape}0m: spec.deletionWindowDays: ${escape}31mmust be between 7 and 30 (got 3)${escape}0m`);
    const never = memoryIo({ cwd: dir, tty: true });
    await runCli(["--color", "never", "validate", "-f", "bad.yaml"], never);
    expect(never.out()).not.toContain(escape);
  });

  it("requires -f", async () => {
    const result = await validate([]);
    expect(result.code).toBe(1);
    expect(result.err).toContain("required option '-f, --filename <path>' not specified");
  });
});

it("does not count a bad --set as a manifest", async () => {
  const io = memoryIo({ stdin: `${header}spec: {}\n` });
  expect(await runCli(["validate", "-f", "-", "--set", "spec.colour=blue"], io)).toBe(1);
  expect(io.out()).toBe(
    '--set: spec.colour: unknown field "colour" in spec; known fields: region, alias, description, keySpec, keyUsage, enableRotation, rotationPeriodDays, deletionWindowDays, multiRegion, replicaRegions, tags, policy, enabled, deletionProtection\n' +
      defaultPolicyWarning("-:5:1") +
      "1 manifest valid, but --set is invalid\n",
  );
});
