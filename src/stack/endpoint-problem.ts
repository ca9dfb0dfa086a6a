import { error, type Problem } from "../core/problem";

/**
 * Refuses a KMS endpoint that carries credentials (`https://user:secret@host`): the endpoint is
 * provider configuration, which the engine writes into the stack's state and its history.
 * The URL itself is never repeated in the message, as it holds the secret.
 */
export function endpointProblem(endpointUrl: string | undefined, source: string): Problem | undefined {
  if (endpointUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    return error("", `${source} is not a URL (expected something like http://localhost:4566)`);
  }
  if (url.username === "" && url.password === "") return undefined;
  return error("", `${source} must not carry credentials (user:password@): they would be stored in the stack's state; pass them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or with --profile`);
}
