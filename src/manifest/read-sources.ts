import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, type Problem } from "../core/problem";

/** The text of one manifest file, as read. */
export interface Source {
  /** The path as the user gave it (or `dir/name.yaml` for a directory's files, `-` for stdin). */
  readonly file: string;
  readonly text: string;
}

/** What `readSources` found: the readable sources and one problem per unreadable path. */
export interface ReadSourcesResult {
  readonly sources: Source[];
  readonly problems: Problem[];
}

/** Where `readSources` reads from; stdin comes from the caller's Io. */
export interface ReadSourcesOptions {
  readonly cwd: string;
  readonly readStdin: () => string;
}

/** Bigger than any sane manifest; refusing early keeps a stray log file from eating memory. */
export const maxSourceBytes = 1024 * 1024;

const manifestExtension = /\.ya?ml$/i;

/**
 * Reads every `-f` path: a file, a directory (its `*.yaml`/`*.yml` files, sorted, not recursive)
 * or `-` for stdin. A missing, unreadable, huge or binary file is a Problem, never an exception.
 */
export function readSources(paths: readonly string[], options: ReadSourcesOptions): ReadSourcesResult {
  const sources: Source[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    if (path === "-") {
      const read = readStdin(options.readStdin);
      if ("text" in read) sources.push({ file: "-", text: read.text });
      else problems.push(error("", read.problem, { file: "-" }));
      continue;
    }
    for (const file of expandPath(path, options.cwd, problems)) {
      const read = readFile(resolve(options.cwd, file));
      if ("text" in read) sources.push({ file, text: read.text });
      else problems.push(error("", read.problem, { file }));
    }
  }
  return { sources, problems };
}

/** The files a path stands for: itself, or a directory's manifests. Records why when none. */
function expandPath(path: string, cwd: string, problems: Problem[]): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(resolve(cwd, path)).isDirectory();
  } catch (cause) {
    problems.push(error("", `cannot read file: ${describeFsError(cause)}`, { file: path }));
    return [];
  }
  if (!isDirectory) return [path];
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, path), { withFileTypes: true })
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && manifestExtension.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (cause) {
    problems.push(error("", `cannot read directory: ${describeFsError(cause)}`, { file: path }));
    return [];
  }
  if (names.length === 0) {
    problems.push(error("", "directory has no manifests (no *.yaml or *.yml files)", { file: path }));
  }
  return names.map((name) => join(path, name));
}

type ReadOutcome = { text: string } | { problem: string };

function readFile(absolute: string): ReadOutcome {
  try {
    const size = statSync(absolute).size;
    if (size > maxSourceBytes) return { problem: tooBig(size) };
    return decode(readFileSync(absolute));
  } catch (cause) {
    return { problem: `cannot read file: ${describeFsError(cause)}` };
  }
}

function readStdin(read: () => string): ReadOutcome {
  try {
    const text = read();
    if (Buffer.byteLength(text) > maxSourceBytes) return { problem: tooBig(Buffer.byteLength(text)) };
    return text.includes("\0") ? { problem: binaryProblem } : { text };
  } catch (cause) {
    return { problem: `cannot read standard input: ${describeFsError(cause)}` };
  }
}

const binaryProblem = "is a binary file, not a YAML manifest";

function decode(bytes: Buffer): ReadOutcome {
  if (bytes.includes(0)) return { problem: binaryProblem };
  const text = bytes.toString("utf8");
  // Invalid UTF-8 decodes to U+FFFD; a manifest never holds it on purpose.
  if (text.includes("\uFFFD")) return { problem: "is not UTF-8 text (is it a binary file?)" };
  return { text };
}

function tooBig(size: number): string {
  return `is too large for a manifest (${size} bytes; at most ${maxSourceBytes} bytes)`;
}

/** `ENOENT: no such file...` → "no such file or directory", without the stack or syscall noise. */
function describeFsError(cause: unknown): string {
  const code = (cause as { code?: unknown } | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
  }
}
