import { Command, CommanderError, Option } from "commander";
import { version } from "../../package.json";
import { applyCommand } from "./commands/apply";
import { destroyCommand } from "./commands/destroy";
import { importCommand } from "./commands/import";
import { outputsCommand } from "./commands/outputs";
import { previewCommand } from "./commands/preview";
import { refreshCommand } from "./commands/refresh";
import { initCommand } from "./commands/init";
import { policyCommand } from "./commands/policy";
import { schemaCommand } from "./commands/schema";
import { stacksCommand } from "./commands/stacks";
import { unlockCommand } from "./commands/unlock";
import { validateCommand } from "./commands/validate";
import type { Engine } from "../engine/engine";
import { engineOnUse } from "./engine-on-use";
import { ExitCode, reportError } from "./exit";
import { addExitCodesHelp } from "./exit-codes-help";
import { processIo, type Io } from "./io";

/** What every command's action gets: the Io, the engine, and a place to put its exit code. */
export interface CliContext {
  readonly io: Io;
  /** The deployment engine the stack commands run on (Pulumi, loaded on first use; a fake in tests). */
  readonly engine: Engine;
  exitCode: ExitCode;
}

/** The planton command tree. Command implementations are imported lazily by each action. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("planton")
    .description("AWS KMS keys as code: validate, preview and apply KMS key manifests through Pulumi.")
    .version(version, "--version")
    .addOption(new Option("--verbose", "print details of failures (engine logs, stack traces)"))
    .addOption(new Option("--color <when>", "colour output").choices(["auto", "always", "never"]).default("auto"))
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    });
  program.addCommand(validateCommand(ctx));
  program.addCommand(initCommand(ctx));
  program.addCommand(schemaCommand(ctx));
  program.addCommand(policyCommand(ctx));
  program.addCommand(previewCommand(ctx));
  program.addCommand(applyCommand(ctx));
  program.addCommand(destroyCommand(ctx));
  program.addCommand(refreshCommand(ctx));
  program.addCommand(outputsCommand(ctx));
  program.addCommand(stacksCommand(ctx));
  program.addCommand(importCommand(ctx));
  program.addCommand(unlockCommand(ctx));
  // addCommand (unlike program.command) does not pass on exitOverride and the Io output: copy them;
  // and every command's --help ends with its exit codes.
  for (const command of program.commands) addExitCodesHelp(command.copyInheritedSettings(program));
  // `-f -` reads stdin synchronously later on; a slow pipe must be awaited first (see Io.loadStdin).
  program.hook("preAction", async (_program, action) => {
    const files: unknown = action.opts().filename;
    if (Array.isArray(files) && files.includes("-")) await ctx.io.loadStdin?.();
  });
  return program;
}


/** Runs planton with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: Io, engine: Engine = engineOnUse()): Promise<ExitCode> {
  const ctx: CliContext = { io, engine, exitCode: ExitCode.ok };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; every usage mistake (already printed by commander) exits 1.
      return err.exitCode === 0 ? ExitCode.ok : ExitCode.failure;
    }
    // The parsed flag, not a search of argv: `-f --verbose` names a file, it does not ask for stacks.
    return reportError(err, io, program.opts().verbose === true);
  }
}

/** Entry point of bin/planton. */
export async function main(): Promise<void> {
  const io = processIo();
  const code = await runCli(process.argv.slice(2), io);
  // Output that could not be written (a full disk) fails the command, whatever it did.
  process.exitCode = io.outputLost() ? ExitCode.failure : code;
}
