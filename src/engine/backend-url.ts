import { join } from "node:path";

/** Where a stack's state lives. */
export interface Backend {
  /** URL the engine is given, with `~` expanded. */
  readonly url: string;
  /** Directory of a `file://` backend; undefined for s3://, Pulumi Cloud and the like. */
  readonly localDir?: string;
  /**
   * True for a self-managed backend (file, s3, gs, azblob), whose stacks encrypt secrets with a
   * passphrase; false for Pulumi Cloud, which manages secrets itself.
   */
  readonly selfManaged: boolean;
  /** True when planton chose its default (nothing was configured). */
  readonly isDefault: boolean;
}

/** What decides the backend: the flag, the environment, the home directory. */
export interface BackendSources {
  readonly flag?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
}

/**
 * The state backend: `--backend`, else PLANTON_BACKEND_URL, else PULUMI_BACKEND_URL, else
 * planton's own local file backend `file://~/.planton/state`.
 */
export function resolveBackend(sources: BackendSources): Backend {
  const configured = [sources.flag, sources.env["PLANTON_BACKEND_URL"], sources.env["PULUMI_BACKEND_URL"]].find(
    (value) => value !== undefined && value.trim() !== "",
  );
  const raw = configured?.trim() ?? `file://${join(sources.homeDir, ".planton", "state")}`;
  const url = expandHome(raw, sources.homeDir);
  const localDir = url.startsWith("file://") ? url.slice("file://".length).replace(/\?.*$/, "") : undefined;
  const selfManaged = /^(file|s3|gs|azblob):\/\//.test(url);
  return { url, localDir, selfManaged, isDefault: configured === undefined };
}

function expandHome(url: string, homeDir: string): string {
  if (url === "file://~") return `file://${homeDir}`;
  if (url.startsWith("file://~/")) return `file://${join(homeDir, url.slice("file://~/".length))}`;
  return url;
}
