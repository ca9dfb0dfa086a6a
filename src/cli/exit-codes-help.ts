import type { Command } from "commander";
import { ExitCode } from "./exit";

/** One exit code a command promises, and when. */
export interface ExitCodeDoc {
  readonly code: ExitCode;
  readonly meaning: string;
}

/** Every command's exit codes (the contract's table); `--help` and docs/ci.md show the same. */
export const COMMAND_EXIT_CODES = {
  validate: [
    { code: ExitCode.ok, meaning: "every manifest is valid" },
    { code: ExitCode.failure, meaning: "a manifest is invalid, or a file cannot be read" },
  ],
  init: [{ code: ExitCode.ok, meaning: "the example manifest was printed" }],
  schema: [{ code: ExitCode.ok, meaning: "the JSON Schema was printed" }],
  policy: [
    { code: ExitCode.ok, meaning: "the key policy was printed" },
    { code: ExitCode.failure, meaning: "the manifest is invalid" },
  ],
  preview: [
    { code: ExitCode.ok, meaning: "preview succeeded (with --detailed-exitcode: and nothing would change)" },
    { code: ExitCode.failure, meaning: "invalid manifest, failed preview, or a plan refused by a safety rail" },
    { code: ExitCode.changes, meaning: "with --detailed-exitcode only: preview succeeded and there are changes" },
  ],
  apply: [
    { code: ExitCode.ok, meaning: "the changes were deployed (or there were none)" },
    {
      code: ExitCode.failure,
      meaning: "invalid manifest or plan file, failed deployment, not confirmed, or refused (replacement without --allow-replace, broadening without --allow-broadening unless confirmed at a terminal)",
    },
    {
      code: ExitCode.moved,
      meaning: "nothing applied: a stack's state or live key moved since its plan was made (another apply, drift), or the saved plan was applied already; preview again",
    },
  ],
  destroy: [
    { code: ExitCode.ok, meaning: "the key's deletion was scheduled" },
    { code: ExitCode.failure, meaning: "invalid manifest, not confirmed, or the engine failed" },
  ],
  refresh: [
    { code: ExitCode.ok, meaning: "the drift was shown (and recorded when confirmed); with --detailed-exitcode: nothing drifted" },
    { code: ExitCode.failure, meaning: "invalid manifest, not confirmed at the terminal, or the engine failed" },
    { code: ExitCode.changes, meaning: "with --detailed-exitcode only: something changed outside planton" },
  ],
  outputs: [
    { code: ExitCode.ok, meaning: "the outputs were printed" },
    { code: ExitCode.failure, meaning: "the stack does not exist or cannot be read" },
  ],
  stacks: [
    { code: ExitCode.ok, meaning: "the stacks were listed (orphaned ones too)" },
    { code: ExitCode.failure, meaning: "a manifest is invalid or the backend cannot be listed" },
  ],
  import: [
    { code: ExitCode.ok, meaning: "the key (and its alias and replicas) was imported and its manifest printed" },
    {
      code: ExitCode.failure,
      meaning: "refused (no such key, pending deletion, AWS managed, already in a planton stack, properties planton cannot express, the stack or --out file exists) or the import failed; nothing is written",
    },
  ],
  unlock: [
    { code: ExitCode.ok, meaning: "the stack's locks were removed, or it had none" },
    { code: ExitCode.failure, meaning: "refused (a holder still runs on this host), not confirmed, or the backend cannot be read" },
  ],
} as const satisfies Record<string, readonly ExitCodeDoc[]>;

/** A command that has documented exit codes. */
export type CommandName = keyof typeof COMMAND_EXIT_CODES;

/** The "Exit codes:" section of a command's help. */
export function exitCodesHelp(name: CommandName): string {
  const lines = COMMAND_EXIT_CODES[name].map((doc: ExitCodeDoc) => `  ${doc.code}  ${doc.meaning}`);
  return `\nExit codes:\n${lines.join("\n")}`;
}

/** True for a command name that has documented exit codes. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_EXIT_CODES, name);
}

/** Appends the command's exit codes to its `--help` (main.ts calls it once for every command). */
export function addExitCodesHelp(command: Command): Command {
  const name = command.name();
  return isCommandName(name) ? command.addHelpText("after", exitCodesHelp(name)) : command;
}
