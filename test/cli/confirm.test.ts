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

// At a real terminal, through bin/planton and its startup snapshot: test/e2e/terminal-prompt.test.ts.
