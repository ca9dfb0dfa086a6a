/**
 * The structured plan of one stack: what the engine would do, resource by resource and property
 * by property. Computed once from engine events; the text, JSON and markdown renderings all read
 * it, so they never disagree.
 */
export interface Plan {
  /** Stack the plan is for. */
  readonly stack: string;
  /** Manifest the stack was planned from, and its `metadata.name`. */
  readonly file: string;
  readonly name: string;
  /**
   * Every resource the engine would touch, unchanged ones included: keys, then replica keys, then
   * aliases, each by name (the engine's own order varies between runs for resources it registers
   * in parallel, and plans are diffed and reviewed).
   */
  readonly changes: readonly ResourceChange[];
  /** Count of resources per operation. */
  readonly summary: PlanSummary;
  /** Monthly cost in USD of the KMS keys the stack holds after the plan ($1 per key and per replica). */
  readonly monthlyCostUsd: number;
  /**
   * How many engine resources (providers, the stack itself) change, though `changes` leaves them
   * out: a new `--profile` or `--endpoint-url` changes only the provider, and apply must still run
   * the update or the state keeps the old provider configuration.
   */
  readonly hiddenChanges: number;
  /**
   * What changed outside planton since the last apply, read from the live resources before
   * planning (Pulumi's refresh): per resource, each property whose live value differs from the
   * state (`before` = last applied, `after` = live), `delete` for a resource gone from the cloud.
   * Empty when nothing drifted or the live resources were not read (`--no-refresh`). `changes`
   * then plans from the live values, so apply puts the manifest back.
   */
  readonly drift: readonly ResourceChange[];
}

/** What happens to one resource. */
export type ChangeOp = "create" | "update" | "replace" | "delete" | "same";

/** Count of resources per operation. */
export type PlanSummary = Readonly<Record<ChangeOp, number>>;

/** Which planton resource a change is about. */
export type ResourceKind = "key" | "replica-key" | "alias" | "provider" | "other";

/** One resource's planned change. */
export interface ResourceChange {
  /** Pulumi URN, unique within the stack. */
  readonly urn: string;
  /** Pulumi type token, e.g. `aws:kms/key:Key`. */
  readonly type: string;
  /** Logical name in the program, e.g. `key` or `replica-eu-west-1`. */
  readonly name: string;
  readonly kind: ResourceKind;
  readonly op: ChangeOp;
  /** Changed properties, sorted by path; empty for `same`. */
  readonly properties: readonly PropertyChange[];
  /** Statement-level diff of the key policy when the `policy` property changes. */
  readonly policy?: PolicyDiff;
}

/** One property's change. */
export interface PropertyChange {
  /**
   * Property path in `@pulumi/aws` names, e.g. `deletionWindowInDays` or `tags.team`; the
   * engine's `protect` option, which is no provider property, is `deletionProtection`.
   */
  readonly path: string;
  readonly kind: "add" | "update" | "delete";
  readonly before?: unknown;
  readonly after?: unknown;
  /** True when this property forces the resource to be replaced. */
  readonly forcesReplacement: boolean;
}

/**
 * Statement-level diff of two key policies after normalisation (statement and action order,
 * case, single value vs list, whitespace): formatting-only differences are no change at all.
 */
export interface PolicyDiff {
  readonly statements: readonly StatementDiff[];
  /** True when any statement change broadens access. */
  readonly broadens: boolean;
}

/** How one statement (matched by Sid, else by content) changes. */
export interface StatementDiff {
  readonly sid: string;
  readonly status: "added" | "removed" | "changed";
  readonly effect: "Allow" | "Deny";
  readonly principals: ListDiff;
  readonly actions: ListDiff;
  /** Conditions rendered as `Operator key=value[,value]`. */
  readonly conditions: ListDiff;
  /** True when this change grants more: a new principal, a new action, a removed condition. */
  readonly broadens: boolean;
}

/** Items added to and removed from a list. */
export interface ListDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}
