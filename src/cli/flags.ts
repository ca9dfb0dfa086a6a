import { Command, InvalidArgumentError, Option } from "commander";

// Flags that mean the same thing on several commands are defined once here, as groups.

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Raw values of the manifest flag group. */
export interface ManifestFlags {
  filename?: string[];
  set?: string[];
}

// `-f ""` would resolve to the working directory and validate everything in it: a usage mistake.
function collectPath(value: string, previous?: string[]): string[] {
  if (value === "") throw new InvalidArgumentError("must not be empty: give a file, a directory of *.yaml/*.yml, or - for stdin.");
  return collect(value, previous);
}

/** `-f PATH` (repeatable: a file, a directory of *.yaml/*.yml, or `-` for stdin) and `--set path=value`. */
export function addManifestFlags(command: Command): Command {
  const filename = new Option("-f, --filename <path>", "manifest file, directory of *.yaml/*.yml, or - for stdin (repeatable)")
    .argParser(collectPath)
    .makeOptionMandatory();
  return command
    .addOption(filename)
    .addOption(new Option("--set <path=value>", "override a manifest field, typed by the schema, e.g. spec.deletionWindowDays=14 (repeatable)").argParser(collect));
}

/** Raw values of the stack flag group. */
export interface StackFlags {
  stack?: string;
  backend?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
}

/** Raw value of the region flag. */
export interface RegionFlags {
  region?: string;
}

/** `--region R`: the region of manifests that have no `spec.region`. */
export function addRegionFlag(command: Command): Command {
  return command.addOption(new Option("--region <region>", "AWS region when the manifest has none (default: AWS_REGION, AWS_DEFAULT_REGION)"));
}

/** Where state lives and which account and region the engine talks to. */
export function addStackFlags(command: Command): Command {
  command
    .addOption(new Option("--stack <name>", "stack name (default: <org>-<env>-<name> from metadata)"))
    .addOption(new Option("--backend <url>", "state backend URL or directory, relative to the working directory (default: PLANTON_BACKEND_URL, PULUMI_BACKEND_URL, or file://~/.planton/state)"));
  return addRegionFlag(command)
    .addOption(new Option("--profile <name>", "AWS shared-config profile (default: AWS_PROFILE)"))
    .addOption(new Option("--endpoint-url <url>", "KMS endpoint URL, e.g. for LocalStack (default: AWS_ENDPOINT_URL_KMS)"));
}

/** Output formats; `markdown` only where a command accepts it. */
export type OutputFormat = "text" | "json" | "yaml" | "markdown";

/** `-o, --output FORMAT`. */
export function addOutputFlag(command: Command, formats: readonly OutputFormat[] = ["text", "json", "yaml"]): Command {
  return command.addOption(
    new Option("-o, --output <format>", "output format").choices(formats as string[]).default("text"),
  );
}

/** Raw value of the confirmation flag. */
export interface ConfirmFlags {
  yes?: boolean;
}

/** `-y, --yes`: the commands that ask before they change anything (apply, destroy, refresh). */
export function addConfirmFlag(command: Command, description = "do not ask for confirmation (required when not on a terminal)"): Command {
  return command.addOption(new Option("-y, --yes", description));
}

/** Raw values of the safety flag group. */
export interface SafetyFlags {
  allowReplace?: boolean;
  allowBroadening?: boolean;
}

/** The safety rails' overrides, the same on preview and apply so both refuse the same plans. */
export function addSafetyFlags(command: Command): Command {
  return command
    .addOption(new Option("--allow-replace", "allow plans that replace or delete a KMS key or point an alias at another key"))
    .addOption(new Option("--allow-broadening", "allow key-policy changes that broaden access without a confirmation at a terminal"));
}

/** Raw value of the refresh flag: false under `--no-refresh`. */
export interface RefreshFlags {
  refresh: boolean;
}

/**
 * `--no-refresh`: plan from the state alone, without reading the live key, its aliases and
 * replicas first (faster; changes made outside planton then go unseen and stay in place).
 */
export function addRefreshFlag(command: Command): Command {
  return command.addOption(new Option("--no-refresh", "do not read the live key, aliases and replicas first: faster, but changes made outside planton are not shown or undone"));
}
