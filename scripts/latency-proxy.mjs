#!/usr/bin/env node
// scripts/latency-proxy.mjs MS NAME=URL [NAME=URL...]
//
// Puts a delay of MS milliseconds in front of each HTTP server URL: for every NAME=URL it
// listens on a free 127.0.0.1 port and forwards each request to URL MS ms after it arrived, so
// every answer comes MS ms late, as real KMS answers do. Prints NAME=http://127.0.0.1:PORT per
// target on stdout once all listen, and one line per forwarded request on stderr
// (`NAME X-Amz-Target status`). scripts/sandbox runs it for PLANTON_SANDBOX_KMS_LATENCY_MS.
import { createServer, request } from "node:http";

const [delayArg, ...targets] = process.argv.slice(2);
const delayMs = Number(delayArg);
if (!Number.isInteger(delayMs) || delayMs < 0 || targets.length === 0 || targets.some((t) => !/^[^=]+=http:\/\/.+/.test(t))) {
  process.stderr.write("usage: latency-proxy.mjs MS NAME=http://HOST:PORT [NAME=URL...] (MS a whole number >= 0)\n");
  process.exit(2);
}

/** Forwards one request to `upstream` after the delay, streaming the answer back. */
function forward(name, upstream, req, res) {
  const body = [];
  req.on("data", (chunk) => body.push(chunk));
  req.on("end", () => {
    setTimeout(() => {
      const out = request(
        upstream,
        { method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          process.stderr.write(`${name} ${req.headers["x-amz-target"] ?? req.method} ${answer.statusCode}\n`);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on("error", (err) => {
        process.stderr.write(`${name} ${req.headers["x-amz-target"] ?? req.method} failed: ${err.message}\n`);
        res.writeHead(502, { "content-type": "text/plain" }).end(`latency proxy: ${err.message}\n`);
      });
      out.end(Buffer.concat(body));
    }, delayMs);
  });
}

const listening = targets.map((target) => {
  const eq = target.indexOf("=");
  const name = target.slice(0, eq);
  const upstream = new URL(target.slice(eq + 1));
  const server = createServer((req, res) => forward(name, upstream, req, res));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(`${name}=http://127.0.0.1:${server.address().port}`));
  });
});

Promise.all(listening).then(
  (lines) => process.stdout.write(`${lines.join("\n")}\n`),
  (err) => {
    process.stderr.write(`latency proxy: cannot listen: ${err.message}\n`);
    process.exit(1);
  },
);
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
