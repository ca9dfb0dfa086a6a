import { Command } from "commander";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addExitCodesHelp, COMMAND_EXIT_CODES, exitCodesHelp, type CommandName, type ExitCodeDoc } from "../../src/cli/exit-codes-help";
import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";

describe("exit codes in --help", () => {
  it("lists each code of the command with its meaning", () => {
    expect(exitCodesHelp("preview")).toBe(
      "\nExit codes:\n" +
        "  0  preview succeeded (with --detailed-exitcode: and nothing would change)\n" +
        "  1  invalid manifest, failed preview, or a plan refused by a safety rail\n" +
        "  2  with --detailed-exitcode only: preview succeeded and there are changes",
    );
  });

  it("appends the section after the command's own help", () => {
    let out = "";
    const command = addExitCodesHelp(new Command("validate")).configureOutput({ writeOut: (t) => void (out += t) });
    command.outputHelp();
    expect(out).toMatch(/Options:[\s\S]*\nExit codes:\n  0  every manifest is valid\n  1  a manifest is invalid, or a file cannot be read\n$/);
  });

  it("documents every command of the contract", () => {
    expect(Object.keys(COMMAND_EXIT_CODES).sort()).toEqual(["apply", "destroy", "import", "init", "outputs", "policy", "preview", "refresh", "schema", "stacks", "unlock", "validate"]);
  });
});

describe("docs/ci.md's exit-code table", () => {
  it("says what --help says, command by command", () => {
    const doc = readFileSync(join(__dirname, "..", "..", "docs", "ci.md"), "utf8");
    const rows = Object.fromEntries(
      [...doc.matchAll(/^\| `planton (\w+)` \|(.*)\|$/gm)].map(([, name, cells]) => [
        name,
        (cells ?? "").split("|").map((c) => c.trim().replace(/`/g, "")),
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(COMMAND_EXIT_CODES).map(([name, codes]) => [name, [0, 1, 2, 3].map((code) => codes.find((c: ExitCodeDoc) => c.code === code)?.meaning ?? "")]),
    );
    expect(rows).toEqual(expected);
  });
});

describe("every command's --help", () => {
  it.each(Object.keys(COMMAND_EXIT_CODES))("planton %s --help ends with its exit codes, once", async (name) => {
    const io = memoryIo();
    expect(await runCli([name, "--help"], io)).toBe(0);
    expect(io.out().split("Exit codes:")).toHaveLength(2);
    expect(io.out()).toContain(exitCodesHelp(name as CommandName));
  });
});

describe("each documented exit code is produced", () => {
  const examples = join(__dirname, "..", "..", "examples");
  const env = { AWS_REGION: "us-east-1" };
  let dir: string;
  let invalid: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "planton-exit-"));
    invalid = join(dir, "invalid.yaml");
    writeFileSync(invalid, "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata: { name: k }\nspec: { deletionWindowDays: 3 }\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Exit 0 of the engine commands, and preview's 2, need a stack: test/render/plan-markdown-preview-command
  // (engine mocked) and test/e2e (sandbox) cover them.
  const cases: [string, () => string[], number][] = [
    ["validate, valid", () => ["validate", "-f", join(examples, "minimal.yaml")], 0],
    ["validate, invalid", () => ["validate", "-f", invalid], 1],
    ["init", () => ["init"], 0],
    ["schema", () => ["schema"], 0],
    ["policy, valid", () => ["policy", "-f", join(examples, "minimal.yaml")], 0],
    ["policy, invalid", () => ["policy", "-f", invalid], 1],
    ["preview, invalid", () => ["preview", "-f", invalid], 1],
    ["apply, invalid", () => ["apply", "-f", invalid, "--yes"], 1],
    ["destroy, invalid", () => ["destroy", "-f", invalid, "--yes"], 1],
    ["refresh, invalid", () => ["refresh", "-f", invalid], 1],
    ["outputs, invalid", () => ["outputs", "-f", invalid], 1],
    ["a usage mistake", () => ["preview"], 1],
    ["import without --key-id", () => ["import"], 1],
  ];
  it.each(cases)("%s exits %i", async (_name, argv, code) => {
    const io = memoryIo({ env });
    expect(await runCli(argv(), io)).toBe(code);
  });
});
