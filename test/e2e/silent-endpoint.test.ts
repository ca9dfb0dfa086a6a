import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from "node:http";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { DescribeKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { liveKeys } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox, expectExit, type RunResult, type Sandbox } from "./support/sandbox";

// KMS endpoints that accept the connection and never answer, and endpoints an earlier failed run
// left in the state, through bin/planton in the sandbox (real engine, test provider, emulator).

jest.setTimeout(600_000);

/** A TCP server that accepts every connection and never sends a byte. */
async function silentServer(): Promise<{ url: string; close: () => void }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  const url = await listen(server);
  return { url, close: () => (sockets.forEach((s) => s.destroy()), server.close()) };
}

/**
 * An endpoint that answers unsigned requests (planton's check before a run) and never answers a
 * signed KMS call (the provider's): it goes silent once the engine is running.
 */
async function silentForSignedCalls(): Promise<{ url: string; close: () => void }> {
  const held: ServerResponse[] = [];
  const server = createHttpServer((req, res) => {
    if (req.headers.authorization === undefined) res.writeHead(400).end('{"__type":"MissingAuthenticationTokenException"}');
    else held.push(res);
  });
  const url = await listen(server);
  return { url, close: () => (held.forEach((r) => r.destroy()), server.closeAllConnections(), server.close()) };
}

/** A port nothing listens on (connections are refused). */
async function closedPort(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

function listen(server: Server | HttpServer): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** Runs planton with extra environment and measures how long it took. */
async function timed(sandbox: Sandbox, args: readonly string[], env: Record<string, string> = {}): Promise<RunResult & { seconds: number }> {
  const started = Date.now();
  const saved = { ...sandbox.env };
  Object.assign(sandbox.env, env);
  try {
    return { ...(await sandbox.planton(args)), seconds: (Date.now() - started) / 1000 };
  } finally {
    for (const k of Object.keys(env)) delete sandbox.env[k];
    Object.assign(sandbox.env, saved);
  }
}

/** The user's one error line, and no stack trace or second error anywhere. */
function expectOneErrorLine(run: RunResult, line: string): void {
  const errors = run.stderr.split("\n").filter((l) => l.startsWith("error:"));
  expect(errors).toEqual([line]);
  expect(run.stderr).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);
}

function stateFile(sandbox: Sandbox, stack: string): string {
  return readFileSync(join(sandbox.env["PLANTON_SANDBOX_DIR"]!, "state", ".pulumi", "stacks", "planton", `${stack}.json`), "utf8");
}

describeE2e("planton against KMS endpoints that never answer", () => {
  const sandbox = useSandbox();
  let kms: KMSClient;
  beforeAll(() => (kms = sandbox.kms("us-east-1")));

  describe("an endpoint silent from the start", () => {
    const STACK = "acme-prod-silent";
    let file: string;
    let silent: { url: string; close: () => void };
    beforeAll(async () => {
      file = sandbox.write("silent.yaml", keyManifest({ name: "silent" }));
      expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
      silent = await silentServer();
    });
    afterAll(() => silent?.close());

    const commands: readonly (readonly [string, readonly string[]])[] = [
      ["preview", ["preview"]],
      ["apply", ["apply", "--yes"]],
      ["destroy", ["destroy", "--yes"]],
      ["refresh", ["refresh", "--yes"]],
    ];

    it.each(commands)("%s with --endpoint-url exits 1 within 30 s, in one line", async (verb, args) => {
      const run = await timed(sandbox, [...args, "-f", file, "--endpoint-url", silent.url]);
      expectExit(run, 1);
      expect(run.seconds).toBeLessThan(30);
      expectOneErrorLine(run, `error: cannot ${verb} stack ${STACK}: the KMS endpoint ${silent.url} did not answer within 10 s`);
    });

    it.each(commands)("%s -o json with AWS_ENDPOINT_URL_KMS exits 1 within 30 s, with one document", async (_verb, args) => {
      const run = await timed(sandbox, [...args, "-f", file, "-o", "json"], { AWS_ENDPOINT_URL_KMS: silent.url });
      expectExit(run, 1);
      expect(run.seconds).toBeLessThan(30);
      const document = JSON.parse(run.stdout) as { ok: boolean; stacks: { stack: string; error: string }[] };
      expect(document.ok).toBe(false);
      expect(document.stacks.map((s) => [s.stack, s.error])).toEqual([[STACK, `failed: the KMS endpoint ${silent.url} did not answer within 10 s`]]);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    });

    it("leaves the stack as it was: back on the emulator, apply keeps exactly one live key and preview finds nothing to do", async () => {
      expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
      expect(await liveKeys(kms, "silent")).toHaveLength(1);
      expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    });
  });

  describe("an endpoint that goes silent once the engine runs (PLANTON_KMS_TIMEOUT_SECONDS=4)", () => {
    const STACK = "acme-prod-stalls";
    const short = { PLANTON_KMS_TIMEOUT_SECONDS: "4" };
    let stalls: { url: string; close: () => void };
    beforeAll(async () => {
      expectExit(await sandbox.planton(["apply", "-f", sandbox.write("stalls.yaml", keyManifest({ name: "stalls" })), "--yes"]), 0);
      stalls = await silentForSignedCalls();
    });
    afterAll(() => stalls?.close());

    it("an update past its deadline fails in one line, and the next apply on the emulator finishes it", async () => {
      const file = sandbox.write("stalls.yaml", keyManifest({ name: "stalls", description: "Changed while the endpoint stalls" }));
      const run = await timed(sandbox, ["apply", "-f", file, "--yes", "--no-refresh", "--endpoint-url", stalls.url], short);
      expectExit(run, 1);
      expectOneErrorLine(run, `error: cannot apply stack ${STACK}: the KMS endpoint ${stalls.url} did not answer within 4 s`);
      expect(run.seconds).toBeLessThan(60);
      expect(JSON.parse(stateFile(sandbox, STACK)).checkpoint.latest.pending_operations ?? []).toEqual([]);

      expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
      const [keyId] = await liveKeys(kms, "stalls");
      expect(await liveKeys(kms, "stalls")).toHaveLength(1);
      expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId! }))).KeyMetadata?.Description).toBe("Changed while the endpoint stalls");
      expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    });

    it("a destroy past its deadline fails in one line and leaves the key managed", async () => {
      const file = join(sandbox.dir, "stalls.yaml");
      const run = await timed(sandbox, ["destroy", "-f", file, "--yes", "--endpoint-url", stalls.url], short);
      expectExit(run, 1);
      expectOneErrorLine(run, `error: cannot destroy stack ${STACK}: the KMS endpoint ${stalls.url} did not answer within 4 s`);
      expect(await liveKeys(kms, "stalls")).toHaveLength(1);
      expect(JSON.parse(stateFile(sandbox, STACK)).checkpoint.latest.pending_operations ?? []).toEqual([]);
      // The failed destroy recorded its provider settings; the next apply puts this run's back.
      expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
      expect(await liveKeys(kms, "stalls")).toHaveLength(1);
      expectExit(await sandbox.planton(["preview", "-f", file, "--detailed-exitcode"]), 0);
    });
  });

  describe("an endpoint a failed run left in the state", () => {
    const STACK = "acme-prod-reused";
    let file: string;
    let refused: string;
    beforeAll(async () => {
      expectExit(await sandbox.planton(["apply", "-f", sandbox.write("reused.yaml", keyManifest({ name: "reused" })), "--yes"]), 0);
      file = sandbox.write("reused.yaml", keyManifest({ name: "reused", description: "Changed through a dead endpoint" }));
      refused = await closedPort();
      const failed = await sandbox.planton(["apply", "-f", file, "--yes", "--no-refresh", "--endpoint-url", refused]);
      expectExit(failed, 1);
      // The failed run's provider, with its endpoint, is what the state now records.
      expect(stateFile(sandbox, STACK)).toContain(refused);
    });

    it("refresh uses this run's endpoint (the emulator), not the recorded one", async () => {
      const run = await sandbox.planton(["refresh", "-f", file, "--yes"]);
      expectExit(run, 0);
      expect(run.stderr).not.toContain(refused);
    });

    it("destroy uses this run's endpoint too, and schedules the key's deletion in the emulator", async () => {
      const [keyId] = await liveKeys(kms, "reused");
      const run = await sandbox.planton(["destroy", "-f", file, "--yes"]);
      expectExit(run, 0);
      expect((await kms.send(new DescribeKeyCommand({ KeyId: keyId! }))).KeyMetadata?.KeyState).toBe("PendingDeletion");
    });
  });
});
