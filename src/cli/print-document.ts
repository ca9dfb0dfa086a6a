import { stringify } from "yaml";
import type { Io } from "./io";

/** Every `--output` format a command may take. */
export type DocumentFormat = "text" | "json" | "yaml" | "markdown";

/** A command's closing output in the forms it offers: the data for json/yaml, text and markdown when it has them. */
export interface CommandDocument {
  /** The one machine-readable document: printed as JSON, or the same as YAML. */
  readonly data: unknown;
  /** What `--output text` prints at the end (often nothing: text is printed stack by stack). */
  readonly text?: string;
  readonly markdown?: string;
}

/** The one place that picks the printer for `--output`: prints the document on stdout. */
export function printDocument(io: Io, format: DocumentFormat, document: CommandDocument): void {
  switch (format) {
    case "json":
      io.stdout.write(`${JSON.stringify(document.data, null, 2)}\n`);
      return;
    case "yaml":
      io.stdout.write(stringify(document.data));
      return;
    case "text":
      if (document.text !== undefined) io.stdout.write(document.text);
      return;
    case "markdown":
      if (document.markdown !== undefined) io.stdout.write(document.markdown);
      return;
  }
}
