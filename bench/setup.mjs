// What every benchmark starts with: the built dist/ checked, a temp work dir removed at exit, and
// for the engine benchmarks the re-run of the script inside scripts/sandbox.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root and its bin/planton. */
export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const planton = join(root, "bin", "planton");

/** Exits 1 when dist/ is not built (the benchmarks time bin/planton, which runs it). */
export function requireBuild() {
  if (!existsSync(join(root, "dist", "src", "cli", "main.js"))) {
    console.error("bench: dist/ is missing; run `npm run build` first");
    process.exit(1);
  }
}

/**
 * For a benchmark that needs the engine: outside the sandbox, runs the script `scriptUrl`
 * (its import.meta.url) again inside scripts/sandbox with `env` added, and exits with its status;
 * inside, returns and the benchmark goes on.
 */
export function runInSandbox(scriptUrl, env = {}) {
  requireBuild();
  if (process.env.PLANTON_SANDBOX) return;
  const sandboxed = spawnSync(join(root, "scripts", "sandbox"), [process.execPath, fileURLToPath(scriptUrl)], { stdio: "inherit", env: { ...process.env, ...env } });
  process.exit(sandboxed.status ?? 1);
}

/** A fresh temp dir named `prefix`-*, removed when the benchmark exits. */
export function workDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
