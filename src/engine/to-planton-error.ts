import { PlantonError } from "../core/planton-error";
import { localDirOf } from "./backend-url";
import { stateFaultError, stateFaultOf } from "./state-fault";
import { unlockCommand } from "./unlock-command";
import { silentEndpointReason } from "./silent-endpoint";

/** What was being done when the engine failed, to word the error. */
export interface FailureContext {
  /** Verb for "cannot ‹verb› stack ‹stack›", e.g. `apply`. */
  readonly verb: string;
  readonly stack: string;
  /** Error diagnostics the engine reported during the operation, in order. */
  readonly diagnostics: readonly string[];
  /** True when the user interrupted the operation. */
  readonly interrupted: boolean;
  /** State backend URL, for the lock hint. */
  readonly backendUrl?: string;
  /** For an update: what it created before it failed. */
  readonly created?: readonly CreatedResource[];
  /** What planton cleaned up after the failed write (see watchStateWrites), one line each. */
  readonly repaired?: readonly string[];
  /** The KMS endpoint the program's providers call, and the deadline of each write, to word a timeout. */
  readonly endpoint?: KmsEndpoint;
}

/** A KMS endpoint as the program's providers reach it. */
export interface KmsEndpoint {
  /** `--endpoint-url`, AWS_ENDPOINT_URL_KMS or the region's public endpoint; absent when unknown (a state-only stack). */
  readonly url?: string;
  /** The deadline of each create, update and delete (the program's customTimeouts). */
  readonly seconds: number;
}

/** A resource an update created before it stopped. */
export interface CreatedResource {
  readonly name: string;
  readonly type: string;
  /** The cloud id (a key id, an alias name), when the engine reported one. */
  readonly id?: string;
  /**
   * What the state holds of it, read back after the failure: `recorded`, `pending` (a pending
   * create: the state could not record that it finished), `missing`; undefined when not read.
   */
  readonly state?: "recorded" | "pending" | "missing";
}

const INSTALL_HINT = "install it (curl -fsSL https://get.pulumi.com | sh, or brew install pulumi/tap/pulumi) and make sure `pulumi` is on PATH";

// The SDK reports these only as text; planton recognises them here and nowhere else.
const CREDENTIAL_SIGNS = [
  /no valid credential sources/i,
  /NoCredentialProviders/,
  /ExpiredToken/,
  /InvalidClientTokenId/,
  /UnrecognizedClientException/,
  /security token included in the request is (expired|invalid)/i,
  /failed to refresh cached credentials/i,
  /SSO session.*(expired|invalid)/i,
  /could not load credentials/i,
];

// Go's words for a passed deadline, which the provider reports when an operation runs past its
// customTimeouts (the AWS SDK in it sets no time limit of its own).
const DEADLINE_PASSED = /context deadline exceeded/i;

// An update held to an update plan (`up --plan`) that departs from it fails with these words.
const PLAN_VIOLATION = /violates plan|is not allowed by the plan|not in the plan/i;

/**
 * The one map from what the SDK throws to a PlantonError: a locked stack, a missing CLI, an
 * unreachable state backend, credentials, a protected resource, an interruption, else the
 * engine's own first error message (without stack traces). The SDK error stays the `cause`,
 * shown under --verbose. An update that failed half-way also says what it created and how to go on.
 */
export function toPlantonError(err: unknown, context: FailureContext): PlantonError {
  const error = classify(err, context);
  const more = [...createdLines(context.created ?? []), ...(context.repaired ?? [])];
  if (more.length === 0) return error;
  return new PlantonError(error.kind, error.message, { cause: error.cause, hint: [...(error.hint === undefined ? [] : [error.hint]), ...more].join("\n  ") });
}

/** What an update created before it stopped, by what the state holds of it, and what the next apply does. */
function createdLines(created: readonly CreatedResource[]): string[] {
  const list = (rs: readonly CreatedResource[]): string => rs.map((r) => `${r.name} (${r.type}${r.id ? `, ${r.id}` : ""})`).join(", ");
  const recorded = created.filter((r) => r.state === undefined || r.state === "recorded");
  const pending = created.filter((r) => r.state === "pending");
  const missing = created.filter((r) => r.state === "missing");
  return [
    ...(recorded.length > 0 ? [`created before it stopped: ${list(recorded)}; the stack's state records them, so fix the cause and run \`planton apply\` again to finish (or \`planton destroy\` to remove them)`] : []),
    ...(pending.length > 0 ? [`created in KMS, but the state could not record it: ${list(pending)}; the state holds it as a pending create, so once the cause is fixed the next \`planton apply\` adopts it (it carries the manifest's identity tags) instead of creating it again`] : []),
    ...(missing.length > 0 ? [`created in KMS, but the state does not record it: ${list(missing)}; the next \`planton apply\` refuses to create a second key: restore the state from the backend's newest backup, or schedule the key's deletion`] : []),
  ];
}

function classify(err: unknown, context: FailureContext): PlantonError {
  const what = `cannot ${context.verb} stack ${context.stack}`;
  const name = err instanceof Error ? err.name : "";
  const text = errorText(err);
  if (name === "ConcurrentUpdateError") {
    return new PlantonError("locked", `${what}: another run holds its lock`, {
      cause: err,
      hint: `wait for the other run to finish; a lock left by a killed run is cleared with \`${unlockCommand(context.stack, context.backendUrl)}\`, which refuses while its run is still active on this host`,
    });
  }
  if (isMissingCli(err, text)) {
    return new PlantonError("missing-tool", `${what}: cannot find the Pulumi CLI`, { cause: err, hint: INSTALL_HINT });
  }
  if (/version requirement failed|Major version mismatch/i.test(text)) {
    return new PlantonError("missing-tool", `${what}: the Pulumi CLI is too old or too new: ${firstLine(text)}`, { cause: err, hint: INSTALL_HINT });
  }
  const fault = stateFaultOf([text, ...context.diagnostics].join("\n"));
  const localDir = context.backendUrl !== undefined ? localDirOf(context.backendUrl) : undefined;
  const faultError = fault === undefined ? undefined : stateFaultError(fault, { what, stack: context.stack, backend: redactUrl(context.backendUrl ?? ""), ...(localDir !== undefined ? { localDir } : {}) }, err);
  if (faultError !== undefined) return faultError;
  const unreachable = unreachableBackend(text, context.backendUrl);
  if (unreachable !== undefined) return new PlantonError("engine", `${what}: ${unreachable}`, { cause: err });
  const detail = context.diagnostics.map(cleanMessage).find((m) => m !== "") ?? engineMessage(text);
  if (context.interrupted) {
    return new PlantonError("interrupted", `${what}: interrupted; the engine stopped after finishing the operations in flight`, { cause: err });
  }
  if (context.endpoint !== undefined && (DEADLINE_PASSED.test(detail) || DEADLINE_PASSED.test(text))) {
    return new PlantonError("engine", `${what}: ${silentEndpointReason(context.endpoint.url ?? "of the stack", context.endpoint.seconds)}`, { cause: err });
  }
  if (CREDENTIAL_SIGNS.some((sign) => sign.test(detail) || sign.test(text))) {
    return new PlantonError("credentials", `${what}: AWS credentials are missing or expired: ${detail}`, {
      cause: err,
      hint: "set AWS_PROFILE (or --profile), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`",
    });
  }
  if (/passphrase/i.test(detail)) {
    return new PlantonError("usage", `${what}: ${detail}`, {
      cause: err,
      hint: "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the passphrase the stack was created with",
    });
  }
  if (PLAN_VIOLATION.test(detail) || PLAN_VIOLATION.test(text)) {
    return new PlantonError("moved", `${what}: the update departed from the reviewed plan (the stack changed since the preview): ${detail}`, {
      cause: err,
      hint: "nothing was applied beyond that point; preview again and review the new plan",
    });
  }
  if (/protected/i.test(detail) && /delet/i.test(detail)) {
    return new PlantonError("refused", `${what}: the key is protected by spec.deletionProtection`, {
      cause: err,
      hint: "set spec.deletionProtection to false and apply, then destroy",
    });
  }
  const clash = /already ?exists/i.test(detail) ? /alias\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]/.exec(detail)?.[0] : undefined;
  if (clash !== undefined) {
    return new PlantonError("engine", `${what}: ${detail}`, {
      cause: err,
      hint: `the alias ${clash} already exists; to manage the key it names with planton, adopt it: planton import --key-id ${clash}`,
    });
  }
  return new PlantonError("engine", `${what}: ${detail}`, { cause: err });
}

/**
 * One line for a state backend the engine could not reach (a bucket's endpoint refusing
 * connections, an unknown host, a timeout), instead of the engine's long wrapped Go error.
 */
function unreachableBackend(text: string, backendUrl: string | undefined): string | undefined {
  if (backendUrl === undefined || !/^(s3|gs|azblob):\/\//.test(backendUrl)) return undefined;
  if (!/could not (log ?in|login|open|reach)|failed to (open|list|read|login)|logging in|connection refused|no such host|i\/o timeout|dial tcp|NoSuchBucket|AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch/i.test(text)) return undefined;
  const reason =
    /connection refused/i.test(text) ? "connection refused"
    : /no such host/i.test(text) ? "unknown host"
    : /i\/o timeout|deadline exceeded/i.test(text) ? "timed out"
    : /NoSuchBucket/.test(text) ? "no such bucket"
    : /AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|Forbidden|StatusCode: 403/i.test(text) ? "access denied (check the credentials for the bucket)"
    : undefined;
  if (reason === undefined) return undefined;
  const endpoint = /(?:dial tcp|Get|Put|Head|Post)\s+"?(https?:\/\/[^/"\s]+|[\w.-]+:\d+)/.exec(text)?.[1];
  return `cannot reach the state backend ${redactUrl(backendUrl)}${endpoint ? ` at ${endpoint}` : ""}: ${reason}`;
}

/** A backend URL without query parameters that might carry secrets (keep region and endpoint). */
export function redactUrl(url: string): string {
  return url.replace(/([?&])(access_key_id|secret_access_key|session_token|[\w]*secret[\w]*|[\w]*token[\w]*)=[^&]*/gi, "$1$2=***");
}

function isMissingCli(err: unknown, text: string): boolean {
  const result = (err as { commandResult?: { err?: { code?: string } } } | undefined)?.commandResult;
  if (result?.err?.code === "ENOENT") return true;
  return /spawn pulumi ENOENT|pulumi: (command )?not found|ENOENT.*pulumi/.test(text);
}

function errorText(err: unknown): string {
  const result = (err as { commandResult?: { stderr?: string; stdout?: string } } | undefined)?.commandResult;
  if (result?.stderr) return result.stderr;
  return err instanceof Error ? err.message : String(err);
}

/** A provider's or engine's message without stack traces, ANSI codes or `error:` prefixes. */
export function cleanMessage(message: string): string {
  return message
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^at\s/.test(line) && !/^\s*[┌│└]/.test(line))
    .map((line) => line.replace(/^error:\s*/i, ""))
    .filter((line) => !/^update failed$|^preview failed$|^an error occurred/i.test(line))
    .join(" ")
    .trim();
}

/** The engine's own error line from its stderr, e.g. `error: ...`. */
function engineMessage(text: string): string {
  const errorLine = text.split("\n").find((line) => /^error:/i.test(line.trim()));
  return cleanMessage(errorLine ?? firstLine(text)) || "the engine failed (run again with --verbose for details)";
}

function firstLine(text: string): string {
  return text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
}
