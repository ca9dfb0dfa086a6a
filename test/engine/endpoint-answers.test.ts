import { createServer as createHttpServer } from "node:http";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { endpointAnswers } from "../../src/engine/endpoint-answers";

// The check before a run, against real sockets on 127.0.0.1.

function listen<S extends Server>(server: S): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe("endpointAnswers", () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  const answering = createHttpServer((_req, res) => res.writeHead(400).end('{"__type":"MissingAuthenticationTokenException"}'));
  let silentUrl: string;
  let answeringUrl: string;
  beforeAll(async () => {
    silentUrl = await listen(silent);
    answeringUrl = await listen(answering);
  });
  afterAll(() => {
    sockets.forEach((s) => s.destroy());
    silent.close();
    answering.close();
  });

  it("is false for an endpoint that accepts the connection and never answers, after the given seconds", async () => {
    const started = Date.now();
    expect(await endpointAnswers(silentUrl, 1, {})).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("is true for any HTTP answer, even a refusal of the unsigned request", async () => {
    expect(await endpointAnswers(answeringUrl, 1, {})).toBe(true);
  });

  it("is true for a refused connection: the engine reports that itself", async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((r) => closed.close(r));
    expect(await endpointAnswers(url, 1, {})).toBe(true);
  });

  it("does not judge an endpoint reached through a proxy, unless NO_PROXY exempts its host", async () => {
    expect(await endpointAnswers(silentUrl, 1, { HTTP_PROXY: "http://proxy.internal:3128" })).toBe(true);
    expect(await endpointAnswers(silentUrl, 1, { HTTP_PROXY: "http://proxy.internal:3128", NO_PROXY: "localhost,127.0.0.1" })).toBe(false);
  });
});
