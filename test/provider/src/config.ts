/**
 * The provider's own configuration (`aws:region`, `aws:endpoints`, ...) and
 * how a KMS endpoint is chosen for a region.
 *
 * Env read here: PLANTON_SANDBOX_KMS_ENDPOINTS (`region=url,region=url`),
 * AWS_ENDPOINT_URL_KMS, AWS_REGION / AWS_DEFAULT_REGION (fallback region),
 * KMS_ACCOUNT_ID (the emulator's account, default 111122223333).
 */
import { Props, isUnknown } from "./values";

/** Configuration of one provider instance (the default one or an explicit `aws.Provider`). */
export interface ProviderConfig {
  /** Region the provider manages; resources may override it with their own `region`. */
  region?: string;
  /** The `kms` entry of `endpoints`, if configured. */
  kmsEndpoint?: string;
  /** `defaultTags.tags`, merged under every resource's `tags` into `tagsAll`. */
  defaultTags: Record<string, string>;
  /** Static credentials from `accessKey`/`secretKey`/`token`, if configured. */
  accessKey?: string;
  secretKey?: string;
  token?: string;
  /** `maxRetries`: how often a failed AWS request is retried (the real provider's default is 25). */
  maxRetries?: number;
}

/** The empty configuration (before Configure, or in unit tests). */
export const EMPTY_CONFIG: ProviderConfig = { defaultTags: {} };

/** Config values may arrive JSON-encoded (objects, lists, booleans); decode when they look like JSON. */
function decode(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (t.startsWith("{") || t.startsWith("[")) {
    try {
      return JSON.parse(t);
    } catch {
      return v;
    }
  }
  return v;
}

function kmsFromEndpoints(raw: unknown): string | undefined {
  const v = decode(raw);
  const entries = Array.isArray(v) ? v : v && typeof v === "object" ? [v] : [];
  for (const e of entries) {
    const url = e && typeof e === "object" ? (e as Props)["kms"] : undefined;
    if (typeof url === "string" && url !== "" && !isUnknown(url)) return url;
  }
  return undefined;
}

/**
 * Builds a config from the engine's Configure variables (keys `aws:config:x`,
 * `aws:x` or `x`) and/or args (provider inputs); variables win.
 */
export function parseConfig(variables: Record<string, string>, args: Props = {}): ProviderConfig {
  const flat: Props = { ...args };
  for (const [k, v] of Object.entries(variables)) {
    const name = k.replace(/^aws:config:/, "").replace(/^aws:/, "");
    flat[name] = v;
  }
  const s = (k: string): string | undefined => {
    const v = flat[k];
    return typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined;
  };
  const dt = decode(flat["defaultTags"]);
  const tags = dt && typeof dt === "object" ? (dt as Props)["tags"] : undefined;
  const defaultTags: Record<string, string> = {};
  if (tags && typeof tags === "object") {
    for (const [k, v] of Object.entries(tags)) if (typeof v === "string") defaultTags[k] = v;
  }
  return {
    region: s("region"),
    kmsEndpoint: kmsFromEndpoints(flat["endpoints"]),
    defaultTags,
    accessKey: s("accessKey"),
    secretKey: s("secretKey"),
    token: s("token"),
    ...retries(decode(flat["maxRetries"])),
  };
}

function retries(v: unknown): { maxRetries?: number } {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isInteger(n) && n >= 0 ? { maxRetries: n } : {};
}

/** Check failures for provider inputs (CheckConfig): only what is obviously wrong. */
export function checkConfigInputs(news: Props): { property: string; reason: string }[] {
  const failures: { property: string; reason: string }[] = [];
  const region = news["region"];
  if (typeof region === "string" && !isUnknown(region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    failures.push({ property: "region", reason: `invalid AWS region: ${JSON.stringify(region)}` });
  }
  const ep = decode(news["endpoints"]);
  if (ep !== undefined && !isUnknown(ep) && ep !== null && typeof ep !== "object") {
    failures.push({ property: "endpoints", reason: "endpoints must be a list of objects such as [{kms: URL}]" });
  }
  const kms = kmsFromEndpoints(ep);
  if (kms !== undefined && !/^https?:\/\/\S+$/.test(kms)) {
    failures.push({ property: "endpoints", reason: `invalid kms endpoint URL: ${JSON.stringify(kms)}` });
  }
  return failures;
}

/** The emulators the sandbox started, from PLANTON_SANDBOX_KMS_ENDPOINTS. */
export function sandboxEndpoints(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (env["PLANTON_SANDBOX_KMS_ENDPOINTS"] ?? "").split(",")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** The region a resource lives in: its own `region`, else the provider's, else the env's. */
export function effectiveRegion(cfg: ProviderConfig, resourceRegion?: string): string {
  const region =
    resourceRegion || cfg.region || process.env["AWS_REGION"] || process.env["AWS_DEFAULT_REGION"];
  if (!region) {
    throw new Error("aws: no region configured (set aws:region, the provider's region, or AWS_REGION)");
  }
  return region;
}

/**
 * The KMS endpoint for `region`. For the provider's own region: the configured
 * `endpoints[].kms` wins, then the sandbox map, then AWS_ENDPOINT_URL_KMS. For any
 * other region (a resource's `region` override, a replica's primary) the sandbox
 * map comes first, since one emulator serves exactly one region.
 * Undefined means the SDK's default (real AWS) endpoint.
 */
export function resolveEndpoint(cfg: ProviderConfig, region: string): string | undefined {
  const sandbox = sandboxEndpoints()[region];
  const envUrl = process.env["AWS_ENDPOINT_URL_KMS"] || undefined;
  const own = cfg.region || process.env["AWS_REGION"] || process.env["AWS_DEFAULT_REGION"];
  if (own === undefined || region === own) return cfg.kmsEndpoint ?? sandbox ?? envUrl;
  return sandbox ?? cfg.kmsEndpoint ?? envUrl;
}

/** The (emulated) account id. */
export function accountId(): string {
  return process.env["KMS_ACCOUNT_ID"] || "111122223333";
}
