/**
 * The plugin as the engine runs it: starts bin/pulumi-resource-aws (building
 * dist if needed), reads its port from stdout, and speaks the provider gRPC
 * protocol to it: Configure (explicit provider config), CheckConfig, DiffConfig,
 * Check, Diff (detailed), Create and Update (incl. preview), Read, Delete, Invoke.
 * Skipped (with a message) when the local-kms binary has not been built yet.
 */
import { ChildProcess, spawn } from "node:child_process";
import { createServer, type AddressInfo, type Socket } from "node:net";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { LocalKms, localKmsBinary, startLocalKms } from "./emulator";

const bin = localKmsBinary();
const describeKms = bin ? describe : describe.skip;
if (!bin) console.warn("SKIP test/provider plugin: local-kms binary not found (run scripts/build-tools)");

type Unary = (req: unknown, cb: (e: grpc.ServiceError | null, res: unknown) => void) => unknown;
function rpc<Res>(c: ResourceProviderClient, method: string, req: unknown): Promise<Res> {
  const fn = (c as unknown as Record<string, Unary>)[method]!;
  return new Promise<Res>((resolve, reject) => fn.call(c, req, (e, res) => (e ? reject(e) : resolve(res as Res))));
}
const struct = (o: Record<string, unknown>) => Struct.fromJavaScript(o as never);
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const KEY = "urn:pulumi:test::planton::aws:kms/key:Key::k";
const PROVIDER = "urn:pulumi:test::planton::pulumi:providers:aws::eu";

describeKms("pulumi-resource-aws plugin over gRPC", () => {
  let east: LocalKms;
  let west: LocalKms;
  let plugin: ChildProcess;
  let client: ResourceProviderClient;
  let stderr = "";

  beforeAll(async () => {
    [east, west] = await Promise.all([startLocalKms(bin!, "us-east-1"), startLocalKms(bin!, "eu-west-1")]);
    plugin = spawn(path.join(__dirname, "bin", "pulumi-resource-aws"), [], {
      cwd: "/",
      env: {
        ...process.env,
        PLANTON_SANDBOX_KMS_ENDPOINTS: `us-east-1=${east.url},eu-west-1=${west.url}`,
        AWS_ENDPOINT_URL_KMS: east.url,
        AWS_ACCESS_KEY_ID: "AKIATESTTESTTEST",
        AWS_SECRET_ACCESS_KEY: "test-secret",
        AWS_REGION: "us-east-1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    plugin.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: plugin.stdout! }).once("line", resolve);
      plugin.once("exit", (code) => reject(new Error(`plugin exited with ${code}: ${stderr}`)));
    });
    expect(port).toMatch(/^\d+$/);
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }, 120_000);

  afterAll(async () => {
    client?.close();
    plugin?.kill("SIGTERM");
    await Promise.all([east?.stop(), west?.stop()]);
  });

  test("explicit provider config, detailed diffs, CRUD and invokes", async () => {
    const bad = new pb.CheckRequest().setUrn(PROVIDER).setOlds(struct({})).setNews(struct({ region: "Mars" }));
    const checked = await rpc<pb.CheckResponse>(client, "checkConfig", bad);
    expect(checked.getFailuresList().map((f) => f.getProperty())).toEqual(["region"]);

    const dc = new pb.DiffRequest().setUrn(PROVIDER).setOlds(struct({ region: "eu-west-1", version: "7.48.0" }))
      .setNews(struct({ region: "eu-west-1", version: "7.48.0" }));
    expect((await rpc<pb.DiffResponse>(client, "diffConfig", dc)).getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_NONE);

    // As for `new aws.Provider("eu", {region: "eu-west-1"})`: endpoints arrive JSON-encoded.
    const conf = new pb.ConfigureRequest().setArgs(struct({ region: "eu-west-1", skipRegionValidation: "true" }));
    conf.getVariablesMap().set("aws:config:region", "eu-west-1").set("aws:config:endpoints", JSON.stringify([{ kms: west.url }]));
    const configured = await rpc<pb.ConfigureResponse>(client, "configure", conf);
    expect(configured.getAcceptsecrets()).toBe(true);
    expect(configured.getSupportspreview()).toBe(true);

    const check = await rpc<pb.CheckResponse>(client, "check",
      new pb.CheckRequest().setUrn(KEY).setOlds(struct({})).setNews(struct({ description: "via grpc" })));
    expect(check.getFailuresList()).toEqual([]);
    const inputs = check.getInputs()!.toJavaScript();
    expect(inputs).toMatchObject({ deletionWindowInDays: 30, keyUsage: "ENCRYPT_DECRYPT" });

    // Preview: planned outputs, nothing created.
    const planned = await rpc<pb.CreateResponse>(client, "create",
      new pb.CreateRequest().setUrn(KEY).setProperties(struct(inputs)).setPreview(true));
    expect(planned.getProperties()!.toJavaScript()).toMatchObject({ arn: UNKNOWN, region: "eu-west-1", description: "via grpc" });

    const created = await rpc<pb.CreateResponse>(client, "create", new pb.CreateRequest().setUrn(KEY).setProperties(struct(inputs)));
    const id = created.getId();
    const outs = created.getProperties()!.toJavaScript();
    expect(outs["arn"]).toBe(`arn:aws:kms:eu-west-1:111122223333:key/${id}`);

    const diff = await rpc<pb.DiffResponse>(client, "diff", new pb.DiffRequest().setId(id).setUrn(KEY)
      .setOlds(struct(outs)).setOldInputs(struct(inputs)).setNews(struct({ ...inputs, keyUsage: "SIGN_VERIFY", description: "x" })));
    expect(diff.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_SOME);
    expect(diff.getReplacesList()).toEqual(["keyUsage"]);
    expect(diff.getHasdetaileddiff()).toBe(true);
    expect(diff.getDetaileddiffMap().get("keyUsage")!.getKind()).toBe(pb.PropertyDiff.Kind.UPDATE_REPLACE);
    expect(diff.getDetaileddiffMap().get("description")!.getKind()).toBe(pb.PropertyDiff.Kind.UPDATE);

    const same = await rpc<pb.DiffResponse>(client, "diff", new pb.DiffRequest().setId(id).setUrn(KEY)
      .setOlds(struct(outs)).setOldInputs(struct(inputs)).setNews(struct(inputs)));
    expect(same.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_NONE);

    const plannedUpdate = await rpc<pb.UpdateResponse>(client, "update", new pb.UpdateRequest().setId(id).setUrn(KEY)
      .setOlds(struct(outs)).setOldInputs(struct(inputs)).setNews(struct({ ...inputs, description: "y" })).setPreview(true));
    expect(plannedUpdate.getProperties()!.toJavaScript()).toMatchObject({ arn: outs["arn"], keyId: id, description: "y" });

    const region = await rpc<pb.InvokeResponse>(client, "invoke",
      new pb.InvokeRequest().setTok("aws:index/getRegion:getRegion").setArgs(struct({})));
    expect(region.getReturn()!.toJavaScript()).toMatchObject({ name: "eu-west-1" });

    await rpc<unknown>(client, "delete", new pb.DeleteRequest().setId(id).setUrn(KEY).setProperties(struct(outs)));
    const read = await rpc<pb.ReadResponse>(client, "read", new pb.ReadRequest().setId(id).setUrn(KEY).setProperties(struct(outs)));
    expect(read.getId()).toBe("");
  });

  test("a Create, Update or Delete against a silent endpoint fails at its request timeout, as the bridge does", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const conf = new pb.ConfigureRequest().setArgs(struct({ region: "us-east-1" }));
      conf.getVariablesMap().set("aws:config:region", "us-east-1").set("aws:config:endpoints", JSON.stringify([{ kms: url }]));
      await rpc<pb.ConfigureResponse>(client, "configure", conf);
      const inputs = { description: "silent", deletionWindowInDays: 7, keyUsage: "ENCRYPT_DECRYPT", customerMasterKeySpec: "SYMMETRIC_DEFAULT" };
      const outs = { ...inputs, keyId: "k1", arn: "arn:aws:kms:us-east-1:111122223333:key/k1" };
      const calls: [string, () => Promise<unknown>][] = [
        ["creating", () => rpc(client, "create", new pb.CreateRequest().setUrn(KEY).setProperties(struct(inputs)).setTimeout(1))],
        ["updating", () => rpc(client, "update", new pb.UpdateRequest().setId("k1").setUrn(KEY).setOlds(struct(outs)).setNews(struct({ ...inputs, description: "x" })).setTimeout(1))],
        ["deleting", () => rpc(client, "delete", new pb.DeleteRequest().setId("k1").setUrn(KEY).setProperties(struct(outs)).setTimeout(1.5))],
      ];
      for (const [verb, call] of calls) {
        const started = Date.now();
        await expect(call()).rejects.toThrow(new RegExp(`${verb} ${KEY}: .*context deadline exceeded`));
        expect(Date.now() - started).toBeLessThan(4_000);
      }
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });
});
