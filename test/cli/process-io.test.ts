import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { exampleManifest } from "../../src/manifest/example-manifest";

// processIo against real pipes: the CLI is bundled from src/ (as the build does) and run by node,
// with a slow writer on its stdin or a reader that leaves early on its stdout.
const root = join(__dirname, "..", "..");
const bundle = join(root, ".build", "test-process-io", "planton.js");

beforeAll(() => {
  mkdirSync(join(root, ".build", "test-process-io"), { recursive: true });
  buildSync({
    entryPoints: [join(root, "src", "cli", "entry.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["@pulumi/*"],
    logLevel: "warning",
  });
});

/** Runs `writer | planton args | reader` in a shell and collects planton's exit code and stderr. */
function pipeline(writer: string, args: string[], reader: string, env: Record<string, string> = {}): Promise<{ status: string; stderr: string }> {
  const script = `${writer} | "${process.execPath}" "${bundle}" ${args.join(" ")} 2>"$ERR_FILE" | ${reader}; echo "$? \${PIPESTATUS[1]}"`;
  return new Promise((resolve, reject) => {
    const errFile = join(root, ".build", "test-process-io", `stderr-${Math.random().toString(36).slice(2)}`);
    const child = spawn("bash", ["-c", `${script}; cat "$ERR_FILE" >&2; rm -f "$ERR_FILE"`], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", ERR_FILE: errFile, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", () => resolve({ status: stdout.trim().split("\n").pop() ?? "", stderr }));
  });
}

it("validate -f - waits for a slow writer on a pipe instead of failing with EAGAIN", async () => {
  // Writes half the manifest, waits, then the rest: stdin is empty (EAGAIN) when planton starts.
  const manifest = exampleManifest("slow-pipe");
  const half = Math.floor(manifest.length / 2);
  const writer = `"${process.execPath}" -e 'const t=process.env.MANIFEST;process.stdout.write(t.slice(0,${half}));setTimeout(()=>process.stdout.write(t.slice(${half})),700)'`;
  const result = await pipeline(writer, ["validate", "-f", "-"], "cat >&2", { MANIFEST: manifest });
  expect(result.stderr).not.toContain("EAGAIN");
  expect(result.stderr).toContain("1 manifest valid");
  expect(result.status).toBe("0 0");
}, 30_000);

it("schema into a reader that leaves early exits quietly with the command's code", async () => {
  // The reader exits before planton has started, so every write meets a closed pipe (EPIPE).
  const result = await pipeline("true", ["schema"], "true");
  expect(result.stderr).toBe("");
  expect(result.status).toBe("0 0");
}, 30_000);
