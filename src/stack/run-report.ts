import type { Problem } from "../core/problem";
import type { EngineEvent } from "../engine/engine-event";
import type { StackLock } from "../engine/stack-lock";
import type { Plan, ResourceChange } from "../plan/plan";
import type { StackLabel } from "./stack-targets";

/**
 * What a run tells its printer as it goes, in order: the operations print nothing themselves.
 * Every report about one stack carries its label, so a printer can keep a stack's lines together.
 */
export type RunReport =
  /** Manifest problems (warnings alone let the run go on), before the engine starts. */
  | { readonly kind: "problems"; readonly problems: readonly Problem[] }
  /** Engine notices (an empty passphrase, local state in CI), once per run. */
  | { readonly kind: "notice"; readonly text: string }
  /** The run stopped before any stack, not for a manifest problem (no manifests at all). */
  | { readonly kind: "run-failed"; readonly error: unknown }
  /**
   * An engine operation began; `doing` reads `previewing stack payments`. `several`: other stacks
   * run in the same command, so its progress lines name the stack.
   */
  | { readonly kind: "operation-started"; readonly label: StackLabel; readonly doing: string; readonly several?: boolean }
  | { readonly kind: "engine-event"; readonly label: StackLabel; readonly event: EngineEvent }
  /** The engine's own output in whole lines, under --verbose. */
  | { readonly kind: "engine-output"; readonly label: StackLabel; readonly text: string }
  | { readonly kind: "operation-ended"; readonly label: StackLabel }
  /** A preview's plan and the safety rails' refusals (preview, and apply before it asks). */
  | { readonly kind: "planned"; readonly label: StackLabel; readonly plan: Plan; readonly refusals: readonly Problem[] }
  /** What a destroy will remove (its plan), and the moment deletion is scheduled from, before it asks. */
  | { readonly kind: "destroy-planned"; readonly label: StackLabel; readonly plan: Plan; readonly at: Date }
  /** What a refresh found changed outside planton. */
  | { readonly kind: "refreshed"; readonly label: StackLabel; readonly drift: readonly ResourceChange[] }
  /** What an interrupted run left pending was resolved (a key adopted, a create dropped). */
  | { readonly kind: "recovered"; readonly label: StackLabel; readonly text: string }
  /** The stack is locked (found when it was opened, or listed): who holds it, and `unlock`, the command that clears it. */
  | { readonly kind: "locked"; readonly label: StackLabel; readonly lock: StackLock; readonly unlock: string }
  /** The locks `planton unlock` found on the stack, before it asks to remove them. */
  | { readonly kind: "unlock-planned"; readonly label: StackLabel; readonly locks: readonly StackLock[] }
  /** A warning about one stack that does not stop it (its locks could not be listed). */
  | { readonly kind: "stack-warning"; readonly label: StackLabel; readonly text: string }
  /** What became of the drift a refresh reported: written into the state, or only reported. */
  | { readonly kind: "drift-decided"; readonly label: StackLabel; readonly recorded: boolean }
  /** Confirmed: the engine now changes the stack. */
  | { readonly kind: "changing"; readonly label: StackLabel; readonly verb: "apply" | "destroy" }
  /** The stack failed with `error` (a PlantonError, or a bug); the run goes on with the next. */
  | { readonly kind: "stack-failed"; readonly label: StackLabel; readonly error: unknown };

/** Where a run's reports go (the CLI's printer for the chosen --output). */
export type ReportSink = (report: RunReport) => void;
