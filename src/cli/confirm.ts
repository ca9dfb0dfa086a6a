import { PlantonError } from "../core/planton-error";
import type { Io } from "./io";

/** The answer to "go ahead?": yes, no, or nobody to ask. */
export type Confirmation = "confirmed" | "declined" | "no-terminal";

/**
 * Asks the person at the terminal to confirm, Terraform style (only `yes` is yes). `--yes` skips
 * the question; without a terminal on stdin there is nobody to ask, which callers refuse.
 */
export async function confirm(io: Io, question: string, options: { yes: boolean }): Promise<Confirmation> {
  if (options.yes) return "confirmed";
  if (!io.stdinIsTTY) return "no-terminal";
  const answer = await io.ask(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
  return answer.trim() === "yes" ? "confirmed" : "declined";
}

/**
 * Confirms `verb` on `stack` or throws the refusal: declined at the prompt, or no terminal to
 * ask and no `--yes`.
 */
export async function requireConfirmation(io: Io, verb: "apply" | "destroy", stack: string, options: { yes: boolean }): Promise<void> {
  const question = verb === "apply" ? `Apply these changes to stack ${stack}?` : `Destroy stack ${stack}?`;
  const answer = await confirm(io, question, options);
  switch (answer) {
    case "confirmed":
      return;
    case "declined":
      throw new PlantonError("refused", `cannot ${verb} stack ${stack}: not confirmed (only 'yes' approves)`);
    case "no-terminal":
      throw new PlantonError("refused", `cannot ${verb} stack ${stack}: confirmation needed but standard input is not a terminal`, {
        hint: `pass --yes to ${verb} without a prompt${verb === "apply" ? " (for CI, after reviewing `planton preview`)" : ""}`,
      });
  }
}
