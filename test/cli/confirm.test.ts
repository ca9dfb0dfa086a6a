import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { requireConfirmation } from "../../src/cli/confirm";
import { reportError } from "../../src/cli/exit";
import { memoryIo } from "../support/memory-io";

/** What readline/promises rejects the question with when Ctrl-C is pressed at the prompt. */
function ctrlCError(): Error {
  return Object.assign(new Error("Aborted with Ctrl+C"), { name: "AbortError", code: "ABORT_ERR" });
}

describe("requireConfirmation and Ctrl-C", () => {
  it("ends with the interruption (exit 1, 'interrupted'), not a bug report, when the prompt is aborted", async () => {
    const io = { ...memoryIo({ tty: true }), ask: () => Promise.reject(ctrlCError()) };
    const err = await requireConfirmation(io, "apply", "s", { yes: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "PlantonError", kind: "interrupted", message: "cannot apply stack s: interrupted" });
    const out = memoryIo();
    expect(reportError(err, out, false)).toBe(1);
    expect(out.err()).toBe("error: cannot apply stack s: interrupted\n");
  });

  it("stops waiting when a SIGINT aborts the run's interrupt signal while the prompt waits", async () => {
    const interrupted = new AbortController();
    const io = { ...memoryIo({ tty: true }), ask: () => new Promise<string>(() => undefined) };
    const pending = requireConfirmation(io, "destroy", "s", { yes: false, interrupted: interrupted.signal }).catch((e: unknown) => e);
    interrupted.abort();
    expect(await pending).toMatchObject({ kind: "interrupted", message: "cannot destroy stack s: interrupted" });
  });

  it("still confirms on 'yes' and declines anything else", async () => {
    await expect(requireConfirmation(memoryIo({ tty: true, answers: ["yes"] }), "apply", "s", { yes: false, interrupted: new AbortController().signal })).resolves.toBeUndefined();
    await expect(requireConfirmation(memoryIo({ tty: true, answers: ["y"] }), "apply", "s", { yes: false })).rejects.toThrow("cannot apply stack s: not confirmed");
  });
});

// A real terminal: `script` gives the harness a pseudo-terminal, and Ctrl-C is typed into it.
const hasScript = spawnSync("script", ["--version"]).status === 0;
(hasScript ? describe : describe.skip)("Ctrl-C at the confirmation prompt on a real terminal", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "planton-confirm-tty-"));
    buildSync({ entryPoints: [join(__dirname, "confirm-tty-harness.ts")], bundle: true, platform: "node", outfile: join(dir, "harness.js"), logLevel: "error" });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function typeAtPrompt(keys: string): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn("script", ["-qfec", `${process.execPath} ${join(dir, "harness.js")}`, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
      let output = "";
      let typed = false;
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (!typed && output.includes("Enter a value:")) {
          typed = true;
          // readline sets raw mode just before the prompt shows; give it a moment.
          setTimeout(() => child.stdin.write(keys), 300);
        }
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  it("ends the command with exit 1 and 'interrupted'", async () => {
    const { code, output } = await typeAtPrompt("\x03");
    expect(output).toContain("error: cannot apply stack tty-stack: interrupted");
    expect(output).not.toContain("bug in planton");
    expect(code).toBe(1);
  }, 20_000);

  it("confirms on 'yes' typed at the same prompt", async () => {
    const { code, output } = await typeAtPrompt("yes\r");
    expect(output).toContain("confirmed");
    expect(code).toBe(0);
  }, 20_000);
});
