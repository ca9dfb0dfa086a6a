import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, type Problem } from "../core/problem";

/** The text of one manifest file, as read. */
export interface Source {
  /** The path as the user gave it (or `dir/name.yaml` for a directory's files, `-` for stdin). */
  readonly file: string;
  readonly text: string;
}

/** One `-f` input as read, in the order given: its text, or the problem that kept it unread. */
export type SourceRead =
  | { readonly kind: "source"; readonly source: Source }
  | { readonly kind: "unreadable"; readonly problem: Problem };

/** What `readSources` found: every input, readable or not, in input order. */
export interface ReadSourcesResult {
  readonly reads: SourceRead[];
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
 * or `-` for stdin. A missing, unreadable, huge or binary file is a Problem, never an exception,
 * and keeps its place among the inputs so reports follow the order the user gave.
 */
export function readSources(paths: readonly string[], options: ReadSourcesOptions): ReadSourcesResult {
  const reads: SourceRead[] = [];
  const add = (file: string, read: ReadOutcome): void => {
    reads.push("text" in read ? { kind: "source", source: { file, text: read.text } } : unreadable(file, read.problem));
  };
  for (const path of paths) {
    if (path === "-") {
      add("-", readStdin(options.readStdin));
      continue;
    }
    const expanded = expandPath(path, options.cwd);
    if ("problem" in expanded) reads.push(unreadable(path, expanded.problem));
    else for (const file of expanded.files) add(file, readFile(resolve(options.cwd, file)));
  }
  return { reads };
}

function unreadable(file: string, message: string): SourceRead {
  return { kind: "unreadable", problem: error("", message, { file }) };
}

/** The files a path stands for: itself, or a directory's manifests; or why there are none. */
function expandPath(path: string, cwd: string): { files: string[] } | { problem: string } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(resolve(cwd, path)).isDirectory();
  } catch (cause) {
    return { problem: `cannot read file: ${describeFsError(cause)}` };
  }
  if (!isDirectory) return { files: [path] };
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, path), { withFileTypes: true })
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && manifestExtension.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (cause) {
    return { problem: `cannot read directory: ${describeFsError(cause)}` };
  }
  if (names.length === 0) return { problem: "directory has no manifests (no *.yaml or *.yml files)" };
  return { files: names.map((name) => join(path, name)) };
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
