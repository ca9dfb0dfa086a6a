import { PlantonError } from "../core/planton-error";
import type { Io } from "./io";

/** The answer to "go ahead?": yes, no, nobody to ask, or Ctrl-C while the question waited. */
export type Confirmation = "confirmed" | "declined" | "no-terminal" | "interrupted";

/** How to confirm. */
export interface ConfirmOptions {
  /** `--yes`: do not ask. */
  readonly yes: boolean;
  /** Aborted by a Ctrl-C delivered as a signal (the run's Interrupt): the question stops waiting. */
  readonly interrupted?: AbortSignal;
  /** Said right above the question, e.g. what a replacement or a broadening costs (confirmationReminder). */
  readonly reminder?: string;
}

/**
 * Asks the person at the terminal to confirm, Terraform style (only `yes` is yes). `--yes` skips
 * the question; without a terminal on stdin there is nobody to ask, which callers refuse.
 */
export async function confirm(io: Io, question: string, options: ConfirmOptions): Promise<Confirmation> {
  if (options.yes) return "confirmed";
  if (!io.stdinIsTTY) return "no-terminal";
  const answer = await askUnlessInterrupted(io, `${options.reminder ?? ""}${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `, options.interrupted);
  if (answer === undefined) return "interrupted";
  return answer.trim() === "yes" ? "confirmed" : "declined";
}

/** What a person confirms. */
export type ConfirmVerb = "apply" | "destroy" | "refresh" | "unlock";

const QUESTION: Readonly<Record<ConfirmVerb, (stack: string) => string>> = {
  apply: (stack) => `Apply these changes to stack ${stack}?`,
  destroy: (stack) => `Destroy stack ${stack}?`,
  refresh: (stack) => `Record these changes in the state of stack ${stack}?`,
  unlock: (stack) => `Remove the lock(s) listed above from stack ${stack}? Only do this when no run on that stack is active.`,
};

/**
 * Confirms `verb` on `stack` or throws the refusal: declined at the prompt, or no terminal to
 * ask and no `--yes`; or the interruption, when Ctrl-C was pressed at the prompt.
 */
export async function requireConfirmation(io: Io, verb: ConfirmVerb, stack: string, options: ConfirmOptions): Promise<void> {
  const question = QUESTION[verb](stack);
  const answer = await confirm(io, question, options);
  switch (answer) {
    case "confirmed":
      return;
    case "declined":
      throw new PlantonError("refused", `cannot ${verb} stack ${stack}: not confirmed (only 'yes' approves)${verb === "refresh" || verb === "unlock" ? "; the state was left as it was" : ""}`);
    case "no-terminal":
      throw new PlantonError("refused", `cannot ${verb} stack ${stack}: confirmation needed but standard input is not a terminal`, {
        hint: `pass --yes to ${verb} without a prompt${verb === "apply" ? " (for CI, after reviewing `planton preview`)" : ""}`,
      });
    case "interrupted":
      throw new PlantonError("interrupted", `cannot ${verb} stack ${stack}: interrupted`);
  }
}

/**
 * The answer, or undefined on Ctrl-C. At a terminal the prompt reads keys raw, so Ctrl-C never
 * becomes a SIGINT: readline ends the question with an AbortError instead. A SIGINT from
 * elsewhere (`kill -INT`) aborts `interrupted`, which ends the wait too.
 */
async function askUnlessInterrupted(io: Io, prompt: string, interrupted: AbortSignal | undefined): Promise<string | undefined> {
  if (interrupted?.aborted) return undefined;
  let onAbort = (): void => undefined;
  const aborted = new Promise<undefined>((resolve) => (onAbort = () => resolve(undefined)));
  interrupted?.addEventListener("abort", onAbort, { once: true });
  try {
    return await Promise.race([io.ask(prompt), aborted]);
  } catch (err) {
    if (isAbortError(err)) return undefined;
    throw err;
  } finally {
    interrupted?.removeEventListener("abort", onAbort);
  }
}

function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || (err as { code?: unknown }).code === "ABORT_ERR");
}
