import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";

// Golden folders test/golden/policy-<case>/: manifest.yaml and optional args (one argument a line)
// in; stdout.json, stderr.txt and exit-code out. Regenerate with UPDATE_GOLDEN=1 npx jest
// test/cli/policy-golden, then read the diff before committing.
const GOLDEN = join(__dirname, "..", "golden");
const cases = readdirSync(GOLDEN).filter((name) => name.startsWith("policy-"));

function expectGolden(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`missing golden file ${path}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe.each(cases)("planton policy golden %s", (name) => {
  it("prints the recorded policy, problems and exit code", async () => {
    const dir = join(GOLDEN, name);
    const argsFile = join(dir, "args");
    const args = existsSync(argsFile) ? readFileSync(argsFile, "utf8").split("\n").filter((line) => line !== "") : [];
    const io = memoryIo({ cwd: dir });
    const code = await runCli(["policy", "-f", "manifest.yaml", ...args], io);
    expectGolden(dir, "stdout.json", io.out());
    expectGolden(dir, "stderr.txt", io.err());
    expectGolden(dir, "exit-code", `${code}\n`);
  });
});
