/**
 * KMS clients per (region, endpoint), plus the few error and pagination helpers
 * every resource needs.
 */
import { KMSClient, ListAliasesCommand, AliasListEntry, ListResourceTagsCommand } from "@aws-sdk/client-kms";
import { ProviderConfig, resolveEndpoint } from "./config";
import { operationSignal } from "./deadline";

const clients = new Map<string, KMSClient>();

/** A KMS client for `region`, talking to the endpoint `resolveEndpoint` picks. */
export function kmsClient(cfg: ProviderConfig, region: string): KMSClient {
  const endpoint = resolveEndpoint(cfg, region);
  const maxAttempts = (cfg.maxRetries ?? DEFAULT_MAX_RETRIES) + 1;
  const key = `${region}|${endpoint ?? ""}|${cfg.accessKey ?? ""}|${maxAttempts}`;
  let c = clients.get(key);
  if (!c) {
    let credentials;
    if (cfg.accessKey && cfg.secretKey) {
      credentials = { accessKeyId: cfg.accessKey, secretAccessKey: cfg.secretKey, sessionToken: cfg.token };
    } else if (!process.env["AWS_ACCESS_KEY_ID"] && endpoint) {
      // An emulator does not check signatures; avoid probing for real credentials.
      credentials = { accessKeyId: "emulator", secretAccessKey: "emulator" };
    }
    // As the real provider gives up on a silent endpoint, so does this one: per call, not per run.
    c = new KMSClient({ region, endpoint, credentials, maxAttempts, requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 } });
    abortPastDeadline(c);
    clients.set(key, c);
  }
  return c;
}

// The real provider retries 25 times unless `maxRetries` says otherwise; its requests have no
// time limit of their own, so the per-request limits above only stand in for a missing deadline.
const DEFAULT_MAX_RETRIES = 25;

/** Every request the client sends is aborted when the operation it belongs to passes its deadline. */
function abortPastDeadline(client: KMSClient): void {
  const send = client.send.bind(client) as (command: unknown, options?: object) => Promise<unknown>;
  (client as unknown as { send: typeof send }).send = (command, options) => {
    const signal = operationSignal();
    return send(command, signal !== undefined ? { abortSignal: signal, ...options } : options);
  };
}

/** True for KMS "it does not exist" errors. */
export function isNotFound(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === "NotFoundException";
}

/** True for KMS "invalid state" errors (e.g. the key is pending deletion). */
export function isInvalidState(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === "KMSInvalidStateException";
}

/** Every alias visible in the client's region (optionally only those of one key). */
export async function listAliases(client: KMSClient, keyId?: string): Promise<AliasListEntry[]> {
  const out: AliasListEntry[] = [];
  let marker: string | undefined;
  do {
    const r = await client.send(new ListAliasesCommand({ KeyId: keyId, Marker: marker, Limit: 100 }));
    out.push(...(r.Aliases ?? []));
    marker = r.Truncated ? r.NextMarker : undefined;
  } while (marker);
  return out;
}

/** The key's tags as a map. */
export async function listTags(client: KMSClient, keyId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let marker: string | undefined;
  do {
    const r = await client.send(new ListResourceTagsCommand({ KeyId: keyId, Marker: marker, Limit: 50 }));
    for (const t of r.Tags ?? []) if (t.TagKey !== undefined) out[t.TagKey] = t.TagValue ?? "";
    marker = r.Truncated ? r.NextMarker : undefined;
  } while (marker);
  return out;
}

/** Parses `arn:aws:kms:REGION:ACCOUNT:key/ID`. */
export function parseKeyArn(arn: string): { region: string; account: string; keyId: string } | undefined {
  const m = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/(\S+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, keyId: m[3]! } : undefined;
}

/** An error the engine records as "created but failed to initialize" (keeps the id in state). */
export class InitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
  ) {
    super(message);
    this.reasons = [message];
  }
  readonly reasons: string[];
}
