import { error, type Problem } from "../core/problem";
import { resolveBackend, type Backend } from "../engine/backend-url";
import { engineEnvironment } from "../engine/engine-env";
import { stackName } from "../engine/stack-name";
import type { StackFlags } from "./flags";
import type { Manifest } from "./load-manifests";

/** What the AWS provider needs to know about where to deploy. */
export interface AwsTarget {
  readonly region: string;
  /** `--profile`: a shared-config profile. */
  readonly profile?: string;
  /** `--endpoint-url` / AWS_ENDPOINT_URL_KMS: a KMS endpoint such as LocalStack. */
  readonly endpointUrl?: string;
}

/** Everything the engine needs to run one manifest's stack. */
export interface StackTarget {
  readonly manifest: Manifest;
  readonly stack: string;
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
 * AWS_ENDPOINT_URL_KMS). `--stack` names one stack, so it takes one manifest; two manifests
 * may not share a stack.
 */
export function resolveStackTargets(
  manifests: readonly Manifest[],
  flags: StackFlags,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
  cwd: string,
): StackTargets {
  const problems: Problem[] = [];
  if (flags.stack !== undefined && manifests.length > 1) {
    problems.push(error("", `--stack names one stack but ${manifests.length} manifests were given; drop --stack or pass one manifest`));
  }
  const backend = resolveBackend({ flag: flags.backend, env, homeDir, cwd });
  const profile = flags.profile ?? undefined;
  const environment = engineEnvironment(env, backend, {
    ...(profile !== undefined ? { profile } : {}),
    ...(flags.endpointUrl !== undefined ? { endpointUrl: flags.endpointUrl } : {}),
  });
  const endpointUrl = flags.endpointUrl ?? (env["AWS_ENDPOINT_URL_KMS"] || undefined);
  const seen = new Map<string, Manifest>();
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
    const other = seen.get(stack);
    if (other !== undefined) {
      problems.push(error("metadata.name", `stack ${stack} is also the stack of ${other.file} (${other.name}); give one of them another name, org, env or a planton.org/stack label`, at));
      continue;
    }
    seen.set(stack, manifest);
    const aws: AwsTarget = { region, ...(profile !== undefined ? { profile } : {}), ...(endpointUrl !== undefined ? { endpointUrl } : {}) };
    targets.push({ manifest, stack, backend, envVars: environment.vars, aws });
  }
  return { targets, problems, notices: environment.notices };
}
