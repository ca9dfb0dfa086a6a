import { readFileSync } from "node:fs";

/** Somewhere text goes: stdout or stderr. */
export interface Writer {
  write(text: string): void;
  /** True when a person is looking at it (a terminal). */
  readonly isTTY: boolean;
}

/**
 * Everything a command may touch of the outside world, decided once at the edge and passed in,
 * so tests run commands with an in-memory Io and the core never reads `process`.
 */
export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Reads all of standard input (for `-f -`). */
  readonly readStdin: () => string;
  /** True when standard input is a terminal, so a question can be asked and answered. */
  readonly stdinIsTTY: boolean;
  /** Asks a question on the terminal and resolves with the answer line. */
  readonly ask: (question: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The real process's Io. */
export function processIo(): Io {
  return {
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    readStdin: () => readFileSync(0, "utf8"),
    stdinIsTTY: process.stdin.isTTY === true,
    ask: async (question) => {
      const { createInterface } = await import("node:readline/promises");
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
