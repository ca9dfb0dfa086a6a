import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// bin/planton checks the startup snapshot's stamp with stat(1), whose flags differ between GNU
// (Linux) and BSD (macOS). Fake stats on PATH stand for the other systems.
const root = join(__dirname, "..", "..");
const planton = join(root, "bin", "planton");
const built = existsSync(join(root, "dist", "planton.blob.node")) && existsSync(join(root, "dist", "src", "cli", "entry.js"));
const realStat = execFileSync("sh", ["-c", "command -v stat"], { encoding: "utf8" }).trim();
const fakes = mkdtempSync(join(tmpdir(), "planton-launcher-"));
afterAll(() => rmSync(fakes, { recursive: true, force: true }));

/** A directory holding only a fake `stat` with this body, to put first on PATH. */
function fakeStat(name: string, body: string): string {
  const dir = join(fakes, name);
  execFileSync("mkdir", ["-p", dir]);
  writeFileSync(join(dir, "stat"), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, "stat"), 0o755);
  return dir;
}

/** Runs `sh -x bin/planton --version`: the trace shows which exec the launcher chose. */
function launch(pathFirst: string) {
  const result = spawnSync("sh", ["-x", planton, "--version"], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${pathFirst}:${process.env.PATH}`, PLANTON_NO_SNAPSHOT: "" },
  });
  const trace = result.stderr.split("\n").filter((line) => line.startsWith("+"));
  const other = result.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("+"));
  return { status: result.status, stdout: result.stdout, trace: trace.join("\n"), stderr: other };
}

(built ? describe : describe.skip)("bin/planton's snapshot check", () => {
  it("is silent with BSD stat (macOS) and still uses the snapshot", () => {
    const bsd = fakeStat("bsd", [
      'if [ "$1" = "-f" ] && [ "$2" = "%z %m" ]; then exec ' + realStat + ` -c '%s %Y' "$3"; fi`,
      'echo "stat: illegal option -- c" >&2',
      'echo "usage: stat [-FLnq] [-f format | -l | -r | -s | -x] [-t timefmt] [file ...]" >&2',
      "exit 1",
    ].join("\n"));
    const result = launch(bsd);
    expect(result.stderr).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(result.trace).toContain("--snapshot-blob");
  });

  it("falls back to dist/ silently when no stat answers", () => {
    const broken = fakeStat("broken", 'echo "stat: not here" >&2\nexit 1');
    const result = launch(broken);
    expect(result.stderr).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.trace).not.toContain("--snapshot-blob");
    expect(result.trace).toContain(join("dist", "src", "cli", "entry.js"));
  });
});
