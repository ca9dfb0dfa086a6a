/**
 * planton's view of the engine's event stream: a tagged union with only what planton reads,
 * so nothing right of `engine/` ever sees the SDK's bag-of-optional-fields event shape.
 */
export type EngineEvent =
  /** The engine is about to perform (or, in a preview, would perform) a step. */
  | { readonly kind: "step-planned"; readonly step: StepInfo; readonly planning: boolean }
  /** A step finished and the resource has its outputs. */
  | { readonly kind: "resource-done"; readonly step: StepInfo; readonly planning: boolean }
  /** A step failed. */
  | { readonly kind: "resource-failed"; readonly step: StepInfo }
  /** A message from the engine, a provider or the program. */
  | { readonly kind: "diagnostic"; readonly severity: DiagnosticSeverity; readonly message: string; readonly urn?: string }
  /** The operation finished; counts per operation. */
  | { readonly kind: "summary"; readonly changes: Readonly<Record<string, number>>; readonly durationSeconds: number }
  /** The engine acknowledged a cancellation. */
  | { readonly kind: "cancelled" };

/** How loud a diagnostic is. */
export type DiagnosticSeverity = "info" | "warning" | "error";

/** The engine's operation kinds for a step (Pulumi's OpType). */
export type StepOp =
  | "same" | "create" | "update" | "delete" | "replace" | "create-replacement" | "delete-replaced"
  | "read" | "read-replacement" | "refresh" | "discard" | "discard-replaced" | "remove-pending-replace"
  | "import" | "import-replacement";

/** How one property differs, as the engine's detailed diff says. */
export interface PropertyDiffInfo {
  readonly kind: "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";
  /** True when the old value is the old inputs rather than the old state. */
  readonly inputDiff: boolean;
}

/** One step of the engine, with the resource's old and new state. */
export interface StepInfo {
  readonly op: StepOp;
  readonly urn: string;
  /** Pulumi type token, e.g. `aws:kms/key:Key`. */
  readonly type: string;
  /** Logical name, the last URN segment. */
  readonly name: string;
  readonly old?: ResourceStateInfo;
  readonly new?: ResourceStateInfo;
  /** Top-level properties whose change forces a replacement. */
  readonly replaceKeys: readonly string[];
  /** Top-level properties that changed. */
  readonly diffs: readonly string[];
  /** Per-property-path diff, when the provider reported one. */
  readonly detailedDiff?: Readonly<Record<string, PropertyDiffInfo>>;
}

/** A resource's state on one side of a step. */
export interface ResourceStateInfo {
  readonly id?: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
}

/** Logical name of a resource: the last `::`-separated part of its URN. */
export function nameFromUrn(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at < 0 ? urn : urn.slice(at + 2);
}
