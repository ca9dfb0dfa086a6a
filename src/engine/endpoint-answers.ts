import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * True when `url` answers an HTTP request within `seconds` (any status: an unsigned KMS call
 * gets a 400 from real KMS), or fails in a way that is not a wait (a refused connection, an
 * unknown host: the engine reports those itself); false when the connection or the answer
 * took longer. No credentials are sent. Behind an HTTP(S) proxy the provider connects through
 * the proxy, which this check does not, so it does not judge such an endpoint and says true.
 */
export function endpointAnswers(url: string, seconds: number, env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(true);
  }
  if (behindProxy(target, env)) return Promise.resolve(true);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(target, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "TrentService.ListKeys" },
      timeout: seconds * 1000,
    });
    req.on("response", (res) => {
      res.resume();
      req.destroy();
      resolve(true);
    });
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
    req.on("error", () => resolve(true));
    req.end("{}");
  });
}

/** True when a proxy variable applies to the host (NO_PROXY lists neither it nor `*`). */
function behindProxy(target: URL, env: Readonly<Record<string, string | undefined>>): boolean {
  const proxy = target.protocol === "https:" ? env["HTTPS_PROXY"] ?? env["https_proxy"] : env["HTTP_PROXY"] ?? env["http_proxy"];
  if (proxy === undefined || proxy === "") return false;
  const exempt = (env["NO_PROXY"] ?? env["no_proxy"] ?? "").split(",").map((h) => h.trim().replace(/^\*?\./, "")).filter((h) => h !== "");
  const host = target.hostname;
  return !exempt.some((h) => h === "*" || host === h || host.endsWith(`.${h}`));
}
