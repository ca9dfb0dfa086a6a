import { palette, type Palette } from "./palette";

/** The `--color` choice. */
export type ColorChoice = "auto" | "always" | "never";

/**
 * Whether to colour a stream, the one rule every command follows: `always`/`never` win; `auto`
 * colours a terminal unless `NO_COLOR` is set to anything non-empty (https://no-color.org) or
 * `TERM` is `dumb`. `CI` plays no part: a CI log is not a terminal, and CI systems that render
 * colour are reached with `--color always`. The caller passes what it knows of the stream.
 */
export function shouldColor(choice: ColorChoice, isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  switch (choice) {
    case "always":
      return true;
    case "never":
      return false;
    case "auto":
      return isTTY && !env["NO_COLOR"] && env["TERM"] !== "dumb";
  }
}

/** How problems are marked up: errors red, warnings yellow, locations bold. */
export interface ProblemStyle {
  readonly error: (text: string) => string;
  readonly warning: (text: string) => string;
  readonly location: (text: string) => string;
}

/** The problem style on top of the shared palette, plain when `colour` is false. */
export function problemStyle(colour: boolean): ProblemStyle {
  const p: Palette = palette(colour);
  return { error: p.delete, warning: p.update, location: p.strong };
}
