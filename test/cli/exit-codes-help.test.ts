import { Command } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addExitCodesHelp, COMMAND_EXIT_CODES, exitCodesHelp, type ExitCodeDoc } from "../../src/cli/exit-codes-help";

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
    const command = addExitCodesHelp(new Command("validate"), "validate").configureOutput({ writeOut: (t) => void (out += t) });
    command.outputHelp();
    expect(out).toMatch(/Options:[\s\S]*\nExit codes:\n  0  every manifest is valid\n  1  a manifest is invalid, or a file cannot be read\n$/);
  });

  it("documents every command of the contract", () => {
    expect(Object.keys(COMMAND_EXIT_CODES).sort()).toEqual(["apply", "destroy", "init", "outputs", "policy", "preview", "refresh", "schema", "validate"]);
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
      Object.entries(COMMAND_EXIT_CODES).map(([name, codes]) => [name, [0, 1, 2].map((code) => codes.find((c: ExitCodeDoc) => c.code === code)?.meaning ?? "")]),
    );
    expect(rows).toEqual(expected);
  });
});
