import type { Plan } from "../plan/plan";

/** What a stack operation asks before it changes anything: the CLI prompts, or takes `--yes`. */
export interface ConfirmRequest {
  /** `refresh` asks to record the drift it reported in the state; `unlock` to remove the locks it listed. */
  readonly verb: "apply" | "destroy" | "refresh" | "unlock";
  readonly stack: string;
  /** The plan the person is asked about (already reported, so already printed); none for refresh. */
  readonly plan?: Plan;
  /** Aborted by Ctrl-C: a question waiting for its answer stops waiting. */
  readonly interrupted: AbortSignal;
}

/** Resolves when confirmed; throws the refusal (PlantonError `refused` or `interrupted`) otherwise. */
export type Confirm = (request: ConfirmRequest) => Promise<void>;
