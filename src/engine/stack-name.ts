/** Metadata label with which a user pins a manifest's stack name. */
export const STACK_LABEL = "planton.org/stack";

/** The parts of a manifest's metadata that name its stack. */
export interface StackNameSource {
  readonly name: string;
  readonly org?: string;
  readonly env?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The stack a manifest deploys to, stable across runs so state is found again:
 *
 * 1. `--stack NAME` when given (one manifest only);
 * 2. else the metadata label `planton.org/stack`, for users who pin a name (for example to keep
 *    an existing stack after renaming the manifest);
 * 3. else `<org>-<env>-<name>` from metadata, leaving out whichever of org and env is missing:
 *    `acme-prod-rds`, `prod-rds`, `rds`.
 *
 * Changing org, env or name therefore points the manifest at a new, empty stack.
 */
export function stackName(metadata: StackNameSource, override?: string): string {
  if (override !== undefined && override !== "") return override;
  const pinned = metadata.labels?.[STACK_LABEL];
  if (pinned !== undefined && pinned !== "") return pinned;
  return [metadata.org, metadata.env, metadata.name].filter((part) => part !== undefined && part !== "").join("-");
}
