/**
 * The deadline of a Create, Update or Delete, as the real provider (the Terraform bridge) applies
 * it: the engine sends the resource's `customTimeouts` in the request's `timeout` field (seconds,
 * 0 when none was set); the bridge makes it the operation's context deadline, which cancels the
 * AWS requests in flight and fails the operation with Go's "context deadline exceeded". Without
 * a timeout the bridge uses the resource's default; here the per-request limits of kms-client
 * stand in for it. Reads carry no timeout in the protocol.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Callback = (err: Error | null, res?: unknown) => void;
type Handler = (call: { request: unknown }, callback: Callback) => void;

const deadlines = new AsyncLocalStorage<AbortSignal>();

/** Aborted when the operation in progress passes its deadline; undefined outside one. */
export function operationSignal(): AbortSignal | undefined {
  return deadlines.getStore();
}

/**
 * Runs a gRPC handler under the deadline `timeoutOf(request)` seconds: past it, every KMS request
 * of the operation is aborted and the engine gets `<verb> <urn>: ... context deadline exceeded`.
 */
export function withDeadline(verb: string, timeoutOf: (request: never) => { seconds: number; urn: string }, original: Handler): Handler {
  return (call, callback) => {
    const { seconds, urn } = timeoutOf(call.request as never);
    if (!(seconds > 0)) return original(call, callback);
    const controller = new AbortController();
    let answered = false;
    const answer: Callback = (err, res) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      callback(err, res);
    };
    const timer = setTimeout(() => {
      controller.abort();
      answer(new Error(`${verb} ${urn}: operation error KMS: request canceled, context deadline exceeded (after ${seconds}s)`));
    }, seconds * 1000);
    deadlines.run(controller.signal, () => original(call, answer));
  };
}
