import { error, type Problem } from "../core/problem";
import { resolveBackend, type Backend } from "../engine/backend-url";
import { engineEnvironment, type EngineEnvironment } from "../engine/engine-env";
import { stackName } from "../engine/stack-name";
import { endpointProblem } from "./endpoint-problem";
import { kmsTimeout } from "./kms-timeout";
import type { Manifest } from "./load-manifests";

/** The stack flags, parsed: where state lives and how the engine reaches AWS. */
export interface StackTargetOptions {
  /** `--stack`: one stack's name instead of the one derived from metadata. */
  readonly stack?: string;
  readonly backend?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/** What the AWS provider needs to know about where to deploy. */
export interface AwsTarget {
  readonly region: string;
  /** `--profile`: a shared-config profile. */
  readonly profile?: string;
  /** `--endpoint-url` / AWS_ENDPOINT_URL_KMS: a KMS endpoint such as LocalStack. */
  readonly endpointUrl?: string;
  /** Seconds one create, update or delete may take (PLANTON_KMS_TIMEOUT_SECONDS, see kmsTimeout). */
  readonly timeoutSeconds: number;
}

/** Which stack, from which manifest: the label every result and report of a stack carries. */
export interface StackLabel {
  readonly stack: string;
  /** The manifest's file (`-` for stdin) and its `metadata.name`. */
  readonly file: string;
  readonly name: string;
}

/**
 * Everything the engine needs to run one stack: a manifest's, or (`--stack NAME` without `-f`,
 * for destroy, refresh and outputs) a stack known from its state alone, with no manifest, an
 * empty file and name in its label and no region (the state's providers hold it).
 */
export interface StackTarget {
  readonly manifest?: Manifest;
  readonly stack: string;
  readonly label: StackLabel;
  readonly backend: Backend;
  /** Variables for the Pulumi CLI. */
  readonly envVars: Readonly<Record<string, string>>;
  readonly aws: AwsTarget;
}

/** The stacks to run, the problems that stop the run, and notices to print once. */
export interface StackTargets {
  readonly targets: readonly StackTarget[];
  readonly problems: readonly Problem[];
  readonly notices: readonly string[];
}

/**
 * Turns loaded manifests and the stack flags into one StackTarget per manifest: stack name,
 * backend, engine environment, region, profile, KMS endpoint (`--endpoint-url`, else
 * AWS_ENDPOINT_URL_KMS). `--stack` names one stack, so it takes one manifest (loadManifests has
 * already refused two manifests of one stack).
 */
export function resolveStackTargets(
  manifests: readonly Manifest[],
  flags: StackTargetOptions,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
  cwd: string,
): StackTargets {
  const problems: Problem[] = [];
  if (flags.stack !== undefined && manifests.length > 1) {
    problems.push(error("", `--stack names one stack but ${manifests.length} manifests were given; drop --stack or pass one manifest`));
  }
  const { backend, environment, aws: reach } = stackLocation(flags, env, homeDir, cwd);
  const badEndpoint = endpointProblem(reach.endpointUrl, flags.endpointUrl !== undefined ? "--endpoint-url" : "AWS_ENDPOINT_URL_KMS");
  if (badEndpoint !== undefined) return { targets: [], problems: [...problems, badEndpoint], notices: [] };
  const badTimeout = kmsTimeout(env).problem;
  if (badTimeout !== undefined) return { targets: [], problems: [...problems, badTimeout], notices: [] };
  const targets: StackTarget[] = [];
  for (const manifest of manifests) {
    const metadata = manifest.key.metadata;
    const stack = stackName(
      { name: manifest.name, org: metadata?.org, env: metadata?.env, labels: metadata?.labels },
      flags.stack,
    );
    const region = manifest.key.spec?.region ?? "";
    const at = { file: manifest.file };
    if (region === "") {
      problems.push(error("spec.region", "no AWS region: set spec.region, pass --region, or set AWS_REGION", at));
      continue;
    }
    const aws: AwsTarget = { region, ...reach };
    targets.push({ manifest, stack, label: { stack, file: manifest.file, name: manifest.name }, backend, envVars: environment.vars, aws });
  }
  return { targets, problems, notices: environment.notices };
}

/**
 * Where the stack flags and the environment put state, the engine's environment to reach it, and
 * how the AWS provider reaches AWS (`--profile`; `--endpoint-url`, else AWS_ENDPOINT_URL_KMS).
 */
export function stackLocation(
  flags: StackTargetOptions,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
  cwd: string,
): { backend: Backend; environment: EngineEnvironment; aws: Omit<AwsTarget, "region"> } {
  const backend = resolveBackend({ flag: flags.backend, env, homeDir, cwd });
  const environment = engineEnvironment(env, backend, {
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.endpointUrl !== undefined ? { endpointUrl: flags.endpointUrl } : {}),
  });
  const endpointUrl = flags.endpointUrl ?? (env["AWS_ENDPOINT_URL_KMS"] || undefined);
  const aws = {
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(endpointUrl !== undefined ? { endpointUrl } : {}),
    timeoutSeconds: kmsTimeout(env).seconds,
  };
  return { backend, environment, aws };
}

/** The target of `--stack NAME` without manifests: the stack as its state has it. */
export function stateOnlyTarget(
  stack: string,
  flags: StackTargetOptions,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
  cwd: string,
): { target: StackTarget; notices: readonly string[] } {
  const { backend, environment, aws } = stackLocation(flags, env, homeDir, cwd);
  return { target: { stack, label: { stack, file: "", name: "" }, backend, envVars: environment.vars, aws: { region: "", ...aws } }, notices: environment.notices };
}

/** Where a stack's label says it came from: its manifest's file, or `state only`. */
export function labelSource(label: StackLabel): string {
  return label.file === "" ? "state only" : label.file;
}

/** The hint for a stack that is not (yet) in the backend: apply its manifest, or find its name. */
export function noStackHint(target: StackTarget): string {
  return target.manifest !== undefined ? `run planton apply -f ${target.manifest.file} first` : "planton stacks lists the stacks in this backend";
}
