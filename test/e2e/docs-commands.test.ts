import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { collect, describeE2e, ensureBuilt, expectExit } from "./support/sandbox";

// Every command the README and docs show in the sandbox must run as written: each `sh` block that
// starts with scripts/sandbox is run as it stands, from the checkout's root, as a reader would
// paste it, and must exit 0.

jest.setTimeout(600_000);

const REPO = join(__dirname, "..", "..");

interface ShownCommand {
  /** Where the block starts, as `file:line`. */
  readonly place: string;
  readonly script: string;
}

function sandboxBlocks(file: string): ShownCommand[] {
  const lines = readFileSync(join(REPO, file), "utf8").split("\n");
  const blocks: ShownCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```sh") continue;
    const end = lines.indexOf("```", i + 1);
    const script = lines.slice(i + 1, end).join("\n");
    if (/^(\w+=\S+ )*scripts\/sandbox /.test(script)) blocks.push({ place: `${file}:${i + 2}`, script });
    i = end;
  }
  return blocks;
}

const shown = ["README.md", ...readdirSync(join(REPO, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)].flatMap(sandboxBlocks);

describeE2e("the sandbox commands the README and docs show", () => {
  beforeAll(ensureBuilt);

  it("finds them (the README shows at least the quick start, import, orphans and team state)", () => {
    expect(shown.filter((c) => c.place.startsWith("README.md:")).length).toBeGreaterThanOrEqual(4);
  });

  it.each(shown.map((c) => [c.place, c.script]))("%s runs as written", async (_place, script) => {
    const run = await collect(spawn("bash", ["-c", script], { cwd: REPO, env: process.env, stdio: ["pipe", "pipe", "pipe"] }));
    expectExit(run, 0);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
