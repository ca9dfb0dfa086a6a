/**
 * Fills four gaps of `@pulumi/pulumi/provider`'s gRPC server (still in 3.276.0):
 *  - Configure ignores the provider's configuration; we capture it (region,
 *    endpoints, ...) for the default provider (stack config) and for explicit
 *    `aws.Provider`s alike, and keep supportsPreview off (no Create in preview).
 *  - CheckConfig / DiffConfig (the engine's Check/Diff of `pulumi:providers:aws`)
 *    are UNIMPLEMENTED; we validate region/endpoints and report config changes.
 *  - Diff drops detailed diffs; ours reports per-property kinds (and replaces).
 *  - Create/Update ignore `preview`; we declare supportsPreview and answer
 *    preview calls with planned outputs (no KMS call), so an in-place update
 *    keeps e.g. the key's arn known for dependents, as the real provider does.
 *  - Create/Update/Delete ignore the request's `timeout` (customTimeouts); we
 *    make it the operation's deadline, as the real provider does (deadline.ts).
 * It does so by wrapping the service implementation when `main` registers it
 * with grpc-js (the same grpc-js instance @pulumi/pulumi loads).
 */
import * as path from "node:path";
import type * as GrpcJs from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ProviderConfig, checkConfigInputs, parseConfig } from "./config";
import { withDeadline } from "./deadline";
import { DetailedDiffResult } from "./diff";
import { Props, containsUnknown, deepEqual, unwrapSecrets } from "./values";

/** What the hooks call into. */
export interface Hooks {
  onConfigure(cfg: ProviderConfig): void;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<DetailedDiffResult>;
  preview(urn: string, olds: Props | undefined, news: Props): Promise<Props>;
}

type Handler<Req, Res> = (call: { request: Req }, callback: (err: Error | null, res?: Res) => void) => void;

function pulumiGrpc(): typeof GrpcJs {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as typeof GrpcJs;
}

function safe<Req, Res>(fn: (req: Req) => Promise<Res> | Res): Handler<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then((res) => callback(null, res), (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
  };
}

function configure(hooks: Hooks) {
  return safe<provproto.ConfigureRequest, provproto.ConfigureResponse>((req) => {
    const vars: Record<string, string> = {};
    req.getVariablesMap().forEach((v: string, k: string) => {
      vars[k] = v;
    });
    const args = unwrapSecrets((req.getArgs()?.toJavaScript() ?? {}) as Props);
    hooks.onConfigure(parseConfig(vars, args));
    const resp = new provproto.ConfigureResponse();
    resp.setAcceptsecrets(true);
    resp.setAcceptresources(false);
    resp.setAcceptoutputs(false);
    resp.setSupportspreview(true);
    return resp;
  });
}

const checkConfig = safe<provproto.CheckRequest, provproto.CheckResponse>((req) => {
  const news = unwrapSecrets((req.getNews()?.toJavaScript() ?? {}) as Props);
  const resp = new provproto.CheckResponse();
  resp.setInputs(req.getNews());
  resp.setFailuresList(
    checkConfigInputs(news).map((f) => {
      const cf = new provproto.CheckFailure();
      cf.setProperty(f.property);
      cf.setReason(f.reason);
      return cf;
    }),
  );
  return resp;
});

function diffResponse(result: DetailedDiffResult): provproto.DiffResponse {
  const resp = new provproto.DiffResponse();
  resp.setChanges(result.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
  resp.setReplacesList(result.replaces);
  resp.setDiffsList(result.diffs);
  resp.setDeletebeforereplace(Boolean(result.deleteBeforeReplace));
  const map = resp.getDetaileddiffMap();
  for (const [k, d] of Object.entries(result.detailedDiff)) {
    const pd = new provproto.PropertyDiff();
    pd.setKind(provproto.PropertyDiff.Kind[d.kind]);
    pd.setInputdiff(d.inputDiff);
    map.set(k, pd);
  }
  resp.setHasdetaileddiff(true);
  return resp;
}

/** Provider config changes update the provider in place (never replace it). */
const diffConfig = safe<provproto.DiffRequest, provproto.DiffResponse>((req) => {
  const olds = unwrapSecrets((req.getOlds()?.toJavaScript() ?? {}) as Props);
  const news = unwrapSecrets((req.getNews()?.toJavaScript() ?? {}) as Props);
  const detailedDiff: DetailedDiffResult["detailedDiff"] = {};
  for (const k of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    if (k === "version") continue;
    const o = olds[k];
    const n = news[k];
    if (!containsUnknown(n) && deepEqual(o, n)) continue;
    detailedDiff[k] = { kind: o === undefined ? "ADD" : n === undefined ? "DELETE" : "UPDATE", inputDiff: true };
  }
  const diffs = Object.keys(detailedDiff);
  return diffResponse({ changes: diffs.length > 0, replaces: [], diffs, detailedDiff });
});

function diff(hooks: Hooks) {
  return safe<provproto.DiffRequest, provproto.DiffResponse>(async (req) => {
    const olds = (req.getOlds()?.toJavaScript() ?? {}) as Props;
    const news = (req.getNews()?.toJavaScript() ?? {}) as Props;
    return diffResponse(await hooks.diff(req.getId(), req.getUrn(), olds, news));
  });
}

type AnyHandler = Handler<unknown, unknown>;

/** Create: preview calls get planned outputs, real ones go to the SDK server under their deadline. */
function create(hooks: Hooks, original: AnyHandler): AnyHandler {
  const bounded = withDeadline("creating", (r: provproto.CreateRequest) => ({ seconds: r.getTimeout(), urn: r.getUrn() }), original);
  return (call, callback) => {
    const req = call.request as provproto.CreateRequest;
    if (!req.getPreview()) return bounded(call, callback);
    safe<provproto.CreateRequest, provproto.CreateResponse>(async (r) => {
      const outs = await hooks.preview(r.getUrn(), undefined, (r.getProperties()?.toJavaScript() ?? {}) as Props);
      return new provproto.CreateResponse().setId("").setProperties(Struct.fromJavaScript(outs as never));
    })(call as { request: provproto.CreateRequest }, callback);
  };
}

/** Update: likewise. */
function update(hooks: Hooks, original: AnyHandler): AnyHandler {
  const bounded = withDeadline("updating", (r: provproto.UpdateRequest) => ({ seconds: r.getTimeout(), urn: r.getUrn() }), original);
  return (call, callback) => {
    const req = call.request as provproto.UpdateRequest;
    if (!req.getPreview()) return bounded(call, callback);
    safe<provproto.UpdateRequest, provproto.UpdateResponse>(async (r) => {
      const olds = (r.getOlds()?.toJavaScript() ?? {}) as Props;
      const outs = await hooks.preview(r.getUrn(), olds, (r.getNews()?.toJavaScript() ?? {}) as Props);
      return new provproto.UpdateResponse().setProperties(Struct.fromJavaScript(outs as never));
    })(call as { request: provproto.UpdateRequest }, callback);
  };
}

let installed = false;

/** Installs the hooks; call before `provider.main`. */
export function installHooks(hooks: Hooks): void {
  if (installed) return;
  installed = true;
  const server = pulumiGrpc().Server.prototype as unknown as {
    addService(service: object, impl: object): void;
  };
  const original = server.addService;
  server.addService = function (this: unknown, service: object, impl: object): void {
    const isProvider = "configure" in service && "checkConfig" in service && "diffConfig" in service;
    const base = impl as Record<string, AnyHandler>;
    const wrapped = isProvider
      ? Object.assign(Object.create(impl) as object, {
          configure: configure(hooks),
          checkConfig,
          diffConfig,
          diff: diff(hooks),
          create: create(hooks, base["create"]!.bind(impl)),
          update: update(hooks, base["update"]!.bind(impl)),
          delete: withDeadline("deleting", (r: provproto.DeleteRequest) => ({ seconds: r.getTimeout(), urn: r.getUrn() }), base["delete"]!.bind(impl)),
        })
      : impl;
    original.call(this, service, wrapped);
  };
}
