import type { Problem } from "../core/problem";
import { problemStyle, shouldColor, type ColorChoice } from "../render/color";
import { renderProblems } from "../render/problems";
import type { Io, Writer } from "./io";

/** The `--color` global option's value, as commander hands it to an action. */
export interface ColorFlags {
  color?: string;
}

/** Whether to colour `stream`, from the `--color` flag, the stream being a terminal and NO_COLOR. */
export function colorFor(flags: ColorFlags, stream: Writer, io: Pick<Io, "env">): boolean {
  const choice: ColorChoice = flags.color === "always" || flags.color === "never" ? flags.color : "auto";
  return shouldColor(choice, stream.isTTY, io.env);
}

/**
 * Prints problems to stderr the way every command does (`file:line:column: path: message`),
 * coloured when stderr is a terminal. Commands whose stdout carries their output (policy,
 * preview) use this for the manifest problems that stopped them.
 */
export function printProblems(io: Io, problems: readonly Problem[], flags: ColorFlags): void {
  io.stderr.write(renderProblems(problems, problemStyle(colorFor(flags, io.stderr, io))));
}
