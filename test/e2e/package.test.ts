import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ListAliasesCommand } from "@aws-sdk/client-kms";
import { keyManifest } from "./support/manifests";
import { collect, describeE2e, useSandbox, expectExit, type RunResult } from "./support/sandbox";

// What a keys repository gets: `npm pack`'s tarball installed into an empty project, run there
// with `npx planton` (its own dependencies, not this checkout's), validate offline, and preview
// and apply in the sandbox.

jest.setTimeout(300_000);

const REPO = join(__dirname, "..", "..");

/** The environment without npm's own variables (npm_config_prefix and the like, set when jest runs under `npm test`), which would point npm at this checkout. */
function withoutNpmVariables(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !/^npm_/i.test(e[0])));
}

interface PackedFile {
  readonly path: string;
}

describeE2e("the npm pack tarball in an empty project", () => {
  const sandbox = useSandbox(); // its start also builds dist/ when it is older than the sources
  let project: string;
  let files: readonly string[];
  const npx = (args: readonly string[]): Promise<RunResult> =>
    collect(spawn("npx", ["--no-install", ...args], { cwd: project, env: withoutNpmVariables(sandbox.env), stdio: ["pipe", "pipe", "pipe"] }));

  beforeAll(async () => {
    project = join(sandbox.dir, "keys");
    mkdirSync(project);
    const env = withoutNpmVariables(process.env);
    // --ignore-scripts: pack dist/ as built; the prepare script would rebuild it under the other
    // test files running beside this one.
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", sandbox.dir], { cwd: REPO, env, encoding: "utf8" }),
    ) as { filename: string; files: PackedFile[] }[];
    files = packed[0]!.files.map((f) => f.path);
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "keys", private: true }, null, 2)}\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(sandbox.dir, packed[0]!.filename)], {
      cwd: project,
      env,
      stdio: "ignore",
    });
    writeFileSync(join(project, "key.yaml"), keyManifest({ name: "payments" }));
  });

  it("holds the launcher, dist/ and the schema, without this machine's startup snapshot", () => {
    expect(files).toContain("bin/planton");
    expect(files).toContain("dist/src/cli/entry.js");
    expect(files).toContain("schema/awskmskey.schema.json");
    // A blob only loads in the node that built it and points at this checkout's files.
    expect(files.filter((f) => f.startsWith("dist/planton."))).toEqual([]);
    expect(files.filter((f) => f.startsWith("test/") || f.startsWith("src/"))).toEqual([]);
  });

  it("npx planton is the installed copy", async () => {
    const run = await npx(["-c", 'readlink -f "$(command -v planton)"']);
    expectExit(run, 0);
    expect(run.stdout.trim()).toBe(realpathSync(join(project, "node_modules", "planton", "bin", "planton")));
  });

  it("npx planton validate checks a manifest: exit 0, and 1 with the field for a bad one", async () => {
    const valid = await npx(["planton", "validate", "-f", "key.yaml"]);
    expectExit(valid, 0);
    expect(valid.stdout).toBe("1 manifest valid\n");
    const invalid = await npx(["planton", "validate", "-f", "key.yaml", "--set", "spec.deletionWindowDays=3", "-o", "json"]);
    expectExit(invalid, 1);
    expect(JSON.parse(invalid.stdout).manifests[0].errors[0].path).toBe("spec.deletionWindowDays");
  });

  it("init's editor modeline points at the schema file the package installed", async () => {
    const run = await npx(["planton", "init", "--name", "payments"]);
    expectExit(run, 0);
    const schema = join(project, "node_modules", "planton", "schema", "awskmskey.schema.json");
    expect(run.stdout.split("\n")[0]).toBe(`# yaml-language-server: $schema=${schema}`);
    const printed = await npx(["planton", "schema"]);
    expect(JSON.parse(printed.stdout)).toEqual(JSON.parse(readFileSync(schema, "utf8")));
  });

  it("npx planton preview shows the plan and apply deploys the key", async () => {
    const preview = await npx(["planton", "preview", "-f", "key.yaml", "--detailed-exitcode"]);
    expectExit(preview, 2);
    expect(preview.stdout).toContain("Plan: 2 to create, 0 to update, 0 to replace, 0 to delete.");
    const apply = await npx(["planton", "apply", "-f", "key.yaml", "--yes", "-o", "json"]);
    expectExit(apply, 0);
    const outputs = JSON.parse(apply.stdout) as { keyId: string; aliasName: string };
    expect(outputs.aliasName).toBe("alias/prod/payments");
    const aliases = await sandbox.kms("us-east-1").send(new ListAliasesCommand({}));
    expect(aliases.Aliases?.find((a) => a.AliasName === "alias/prod/payments")?.TargetKeyId).toBe(outputs.keyId);
  });
});
