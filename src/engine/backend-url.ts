import { isAbsolute, join, resolve } from "node:path";

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
  /** The working directory, against which relative paths are resolved. */
  readonly cwd: string;
}

/**
 * The state backend: `--backend`, else PLANTON_BACKEND_URL, else PULUMI_BACKEND_URL, else
 * planton's own local file backend `file://~/.planton/state`. A plain path (`./state`,
 * `/srv/state`, `~/state`) means a file backend there; relative paths, also in `file://state`,
 * are resolved against the working directory (the engine runs in a temporary one).
 */
export function resolveBackend(sources: BackendSources): Backend {
  const configured = [sources.flag, sources.env["PLANTON_BACKEND_URL"], sources.env["PULUMI_BACKEND_URL"]].find(
    (value) => value !== undefined && value.trim() !== "",
  );
  const raw = configured?.trim() ?? `file://${join(sources.homeDir, ".planton", "state")}`;
  const url = toAbsoluteFileUrl(raw, sources);
  const localDir = localDirOf(url);
  const selfManaged = /^(file|s3|gs|azblob):\/\//.test(url);
  return { url, localDir, selfManaged, isDefault: configured === undefined };
}

/** The directory of a `file://` backend URL (without its query); undefined for other backends. */
export function localDirOf(url: string): string | undefined {
  return url.startsWith("file://") ? url.slice("file://".length).replace(/\?.*$/, "") : undefined;
}

function toAbsoluteFileUrl(url: string, sources: BackendSources): string {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
  if (hasScheme && !url.startsWith("file://")) return url;
  const rest = hasScheme ? url.slice("file://".length) : url;
  const query = /\?.*$/.exec(rest)?.[0] ?? "";
  const path = rest.slice(0, rest.length - query.length);
  return `file://${absolutePath(path, sources)}${query}`;
}

function absolutePath(path: string, sources: BackendSources): string {
  if (path === "~") return sources.homeDir;
  if (path.startsWith("~/")) return join(sources.homeDir, path.slice(2));
  return isAbsolute(path) ? path : resolve(sources.cwd, path);
}
