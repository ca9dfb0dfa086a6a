import { createHash, createHmac } from "node:crypto";
import type * as CredentialProvider from "@aws-sdk/credential-provider-node";
import type * as SignatureV4 from "@smithy/signature-v4";

/** The few object calls planton makes on an `s3://` state backend itself (its stacks' locks). */
export interface S3Bucket {
  /** The keys under `prefix` (relative to the backend's own prefix), every page. */
  list(prefix: string): Promise<string[]>;
  /** The object's text; undefined when it no longer exists. */
  read(key: string): Promise<string | undefined>;
  remove(key: string): Promise<void>;
  /** `s3://bucket/key`, for messages (no query: it may carry an endpoint, never a secret). */
  url(key: string): string;
}

/** Each call gives up in bounded time, as planton's KMS calls do. */
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The bucket of an `s3://bucket/prefix?region=..&endpoint=..` backend URL, reached as the Pulumi
 * CLI reaches it (gocloud's URL parameters: `region`, `endpoint`, `disableSSL`/`disable_https`,
 * `s3ForcePathStyle`/`use_path_style`, `profile`; credentials from the default AWS chain), with
 * requests signed by the AWS SDK's own SigV4 signer. The SDK parts load on first use.
 */
export function s3Bucket(backendUrl: string, env: Readonly<Record<string, string | undefined>>): S3Bucket {
  const url = new URL(backendUrl);
  const bucket = url.hostname;
  const base = url.pathname.replace(/^\/+/, "").replace(/([^/])$/, "$1/").replace(/^\/$/, "");
  const q = url.searchParams;
  const region = q.get("region") ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? "us-east-1";
  const insecure = q.get("disableSSL") === "true" || q.get("disable_https") === "true";
  const rawEndpoint = q.get("endpoint");
  const endpoint = rawEndpoint === null || rawEndpoint === "" ? undefined : new URL(rawEndpoint.includes("://") ? rawEndpoint : `${insecure ? "http" : "https"}://${rawEndpoint}`);
  const pathStyle = q.get("s3ForcePathStyle") === "true" || q.get("use_path_style") === "true";
  const profile = q.get("profile") ?? undefined;
  let signer: SignatureV4.SignatureV4 | undefined;

  const send = async (method: "GET" | "DELETE", key: string, query: Record<string, string> = {}): Promise<Response> => {
    const host = endpoint ?? new URL(`https://s3.${region}.amazonaws.com`);
    const virtual = !pathStyle && endpoint === undefined;
    const hostname = virtual ? `${bucket}.${host.hostname}` : host.hostname;
    const path = `${virtual ? "" : `/${bucket}`}/${key.split("/").map(encodeURIComponent).join("/")}`;
    signer ??= newSigner(region, profile);
    const signed = await signer.sign({
      method,
      protocol: host.protocol,
      hostname,
      ...(host.port !== "" ? { port: Number(host.port) } : {}),
      path,
      query,
      headers: { host: host.port !== "" ? `${hostname}:${host.port}` : hostname },
    });
    const search = new URLSearchParams(query).toString();
    return fetch(`${signed.protocol}//${signed.headers["host"]}${path}${search !== "" ? `?${search}` : ""}`, {
      method,
      headers: signed.headers,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  };

  return {
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const response = await send("GET", "", { "list-type": "2", prefix: base + prefix, ...(token !== undefined ? { "continuation-token": token } : {}) });
        const body = await response.text();
        if (!response.ok) throw s3Failure("list", base + prefix, response.status, body);
        keys.push(...xmlValues(body, "Key").map((key) => key.slice(base.length)));
        token = xmlValues(body, "IsTruncated")[0] === "true" ? xmlValues(body, "NextContinuationToken")[0] : undefined;
      } while (token !== undefined);
      return keys;
    },
    async read(key) {
      const response = await send("GET", base + key);
      const body = await response.text();
      if (response.status === 404) return undefined;
      if (!response.ok) throw s3Failure("read", base + key, response.status, body);
      return body;
    },
    async remove(key) {
      const response = await send("DELETE", base + key);
      if (!response.ok && response.status !== 404) throw s3Failure("delete", base + key, response.status, await response.text());
    },
    url: (key) => `s3://${bucket}/${base}${key}`,
  };
}

function newSigner(region: string, profile: string | undefined): SignatureV4.SignatureV4 {
  const { SignatureV4: Signer } = require("@smithy/signature-v4") as typeof SignatureV4;
  const { defaultProvider } = require("@aws-sdk/credential-provider-node") as typeof CredentialProvider;
  return new Signer({ service: "s3", region, credentials: defaultProvider(profile !== undefined ? { profile } : {}), sha256: NodeSha256, uriEscapePath: false, applyChecksum: true });
}

/** The SDK's hash interface on node:crypto (an HMAC when given a secret). */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === "string") return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}

/** The texts of every `<name>` element (S3's XML answers are flat enough for this). */
function xmlValues(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) =>
    m[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, "&"),
  );
}

function s3Failure(verb: string, key: string, status: number, body: string): Error {
  const code = xmlValues(body, "Code")[0] ?? `HTTP ${status}`;
  const message = xmlValues(body, "Message")[0];
  return new Error(`cannot ${verb} ${key}: ${code}${message !== undefined ? ` (${message})` : ""}`);
}
