/**
 * Colour as a parameter: renderers wrap text in a palette's functions, and a palette built with
 * colour off returns the text unchanged, so tests compare plain strings.
 */
export interface Palette {
  readonly create: (text: string) => string;
  readonly update: (text: string) => string;
  readonly replace: (text: string) => string;
  readonly delete: (text: string) => string;
  readonly strong: (text: string) => string;
  readonly faint: (text: string) => string;
}

const ANSI = { green: 32, yellow: 33, magenta: 35, red: 31, bold: 1, dim: 2 } as const;

function sgr(code: number): (text: string) => string {
  return (text) => `\u001b[${code}m${text}\u001b[0m`;
}

const plain = (text: string): string => text;

/** A palette that colours with ANSI escapes when `colour`, else leaves text as is. */
export function palette(colour: boolean): Palette {
  if (!colour) return { create: plain, update: plain, replace: plain, delete: plain, strong: plain, faint: plain };
  return {
    create: sgr(ANSI.green),
    update: sgr(ANSI.yellow),
    replace: sgr(ANSI.magenta),
    delete: sgr(ANSI.red),
    strong: sgr(ANSI.bold),
    faint: sgr(ANSI.dim),
  };
}
