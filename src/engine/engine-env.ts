import type { Backend } from "./backend-url";

/** The environment the engine runs with, and what the user should be told about it. */
export interface EngineEnvironment {
  /** Variables set for the Pulumi CLI on top of the process environment. */
  readonly vars: Readonly<Record<string, string>>;
  /** One-line notices for stderr (each printed once per run). */
  readonly notices: readonly string[];
}

/**
 * Variables for the engine: the backend, no update check, AWS_PROFILE for `--profile`,
 * AWS_ENDPOINT_URL_KMS for `--endpoint-url` (so every provider, replicas' included, resolves the
 * endpoint as it would from the environment), and the secrets passphrase. A self-managed backend
 * (file, s3, ...) with neither PULUMI_CONFIG_PASSPHRASE nor PULUMI_CONFIG_PASSPHRASE_FILE gets an
 * empty passphrase (planton stores no secrets in state), with a notice; in CI a local backend gets
 * a warning, since the state dies with the job.
 */
export function engineEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  backend: Backend,
  options: { profile?: string; endpointUrl?: string } = {},
): EngineEnvironment {
  const vars: Record<string, string> = { PULUMI_BACKEND_URL: backend.url, PULUMI_SKIP_UPDATE_CHECK: "true" };
  const notices: string[] = [];
  if (options.profile !== undefined) vars["AWS_PROFILE"] = options.profile;
  if (options.endpointUrl !== undefined) vars["AWS_ENDPOINT_URL_KMS"] = options.endpointUrl;
  const hasPassphrase = env["PULUMI_CONFIG_PASSPHRASE"] !== undefined || env["PULUMI_CONFIG_PASSPHRASE_FILE"] !== undefined;
  if (backend.selfManaged && !hasPassphrase) {
    vars["PULUMI_CONFIG_PASSPHRASE"] = "";
    notices.push(
      "note: no PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE set; using an empty passphrase for the state backend",
    );
  }
  if (backend.localDir !== undefined && isCi(env)) {
    notices.push(
      `warning: state is kept in ${backend.url} on this machine and will not outlive the CI job; use --backend s3://bucket/prefix?region=... (or PLANTON_BACKEND_URL) to keep it`,
    );
  }
  return { vars, notices };
}

function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env["CI"]?.toLowerCase();
  return ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
}
