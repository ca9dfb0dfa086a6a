import { error, type Problem } from "../core/problem";
import { DEFAULT_KMS_TIMEOUT_SECONDS } from "../program/operation-timeouts";

/** The variable that sets how long one KMS operation may take (seconds). */
export const KMS_TIMEOUT_VARIABLE = "PLANTON_KMS_TIMEOUT_SECONDS";

/** The longest the endpoint check before a run waits for an answer (seconds). */
export const ENDPOINT_CHECK_SECONDS = 10;

/**
 * The deadline of each create, update and delete: PLANTON_KMS_TIMEOUT_SECONDS (a whole number,
 * 1 to 3600), else DEFAULT_KMS_TIMEOUT_SECONDS; a value out of that range is a problem.
 */
export function kmsTimeout(env: Readonly<Record<string, string | undefined>>): { seconds: number; problem?: Problem } {
  const raw = env[KMS_TIMEOUT_VARIABLE];
  if (raw === undefined || raw === "") return { seconds: DEFAULT_KMS_TIMEOUT_SECONDS };
  const seconds = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (seconds >= 1 && seconds <= 3600) return { seconds };
  return { seconds: DEFAULT_KMS_TIMEOUT_SECONDS, problem: error("", `${KMS_TIMEOUT_VARIABLE} must be a whole number of seconds from 1 to 3600, got ${JSON.stringify(raw)}`) };
}

/** How long the endpoint check waits: never longer than an operation may. */
export function endpointCheckSeconds(timeoutSeconds: number): number {
  return Math.min(ENDPOINT_CHECK_SECONDS, timeoutSeconds);
}
