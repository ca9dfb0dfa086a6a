/** What went wrong, for the exit-code funnel and for tests; never matched by message text. */
export type PlantonErrorKind =
  /** The user's input is wrong in a way that is not a manifest field (a flag, a missing file). */
  | "usage"
  /** A deployment was refused by a safety rail (replacement, broadening, no confirmation). */
  | "refused"
  /** Another run holds the stack's lock. */
  | "locked"
  /**
   * What a plan was computed against moved before it ran: the stack's state (another apply), the
   * live key (drift), or the plan was applied already. Preview again and review the new plan.
   */
  | "moved"
  /** The Pulumi CLI or another tool planton needs is missing. */
  | "missing-tool"
  /** AWS credentials are missing or expired. */
  | "credentials"
  /** The stack's state cannot be read or written: a damaged state file, a read-only or full state directory. */
  | "state"
  /** The cloud or the engine failed. */
  | "engine"
  /** The user interrupted the run. */
  | "interrupted";

/**
 * A fault that stops a command, with a message shaped "cannot ‹verb› ‹thing›: ‹reason›".
 * User mistakes in manifests are Problems, not PlantonErrors.
 */
export class PlantonError extends Error {
  readonly kind: PlantonErrorKind;
  /** Longer explanation or the fix, printed under the message. */
  readonly hint?: string;

  constructor(kind: PlantonErrorKind, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = "PlantonError";
    this.kind = kind;
    this.hint = options.hint;
  }
}

/** True for a PlantonError, also across module copies. */
export function isPlantonError(value: unknown): value is PlantonError {
  return value instanceof Error && value.name === "PlantonError" && "kind" in value;
}
