import { PlantonError } from "../core/planton-error";
import type { Engine } from "../engine/engine";
import { silentEndpointReason } from "../engine/silent-endpoint";
import { endpointCheckSeconds } from "./kms-timeout";
import type { StackTarget } from "./stack-targets";

/**
 * Before a stack's first engine operation: a KMS endpoint given with `--endpoint-url` or
 * AWS_ENDPOINT_URL_KMS that accepts the connection but does not answer stops the run here, in
 * seconds, before the engine starts and before anything is written. Reads have no deadline in
 * the engine's protocol (only creates, updates and deletes carry one), so without this check a
 * refresh or a preview's live read would wait on the provider's own read timeout (minutes).
 * The public AWS endpoints are not checked.
 */
export async function checkEndpoint(target: StackTarget, verb: string, engine: Pick<Engine, "endpointAnswers">): Promise<void> {
  const url = target.aws.endpointUrl;
  if (url === undefined) return;
  const seconds = endpointCheckSeconds(target.aws.timeoutSeconds);
  if (await engine.endpointAnswers(url, seconds)) return;
  throw new PlantonError("engine", `cannot ${verb} stack ${target.stack}: ${silentEndpointReason(url, seconds)}`);
}
