import type { Io } from "../../src/cli/io";

/** An in-memory Io for running commands in tests; read what they printed from `out` and `err`. */
export interface MemoryIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
}

/** Options for a MemoryIo: what is on stdin, whether it looks like a terminal, the answers to questions. */
export interface MemoryIoOptions {
  stdin?: string;
  tty?: boolean;
  env?: Record<string, string | undefined>;
  cwd?: string;
  answers?: string[];
}

/** Creates an in-memory Io. */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  let out = "";
  let err = "";
  const answers = [...(options.answers ?? [])];
  const tty = options.tty ?? false;
  return {
    stdout: { write: (text) => void (out += text), isTTY: tty },
    stderr: { write: (text) => void (err += text), isTTY: tty },
    readStdin: () => options.stdin ?? "",
    stdinIsTTY: tty,
    ask: async (question) => {
      err += question;
      return answers.shift() ?? "";
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
