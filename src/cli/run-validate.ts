import { stringify } from "yaml";
import { problemStyle } from "../render/color";
import { renderValidateText, validateJson } from "../render/validate-report";
import { allValid } from "../validate/manifest-report";
import { ExitCode } from "./exit";
import type { Io } from "./io";
import { loadManifests, type LoadManifestsOptions } from "../stack/load-manifests";
import { colorFor, type ColorFlags } from "./print-problems";

/** `planton validate`'s options once flags are parsed. */
export interface ValidateOptions extends LoadManifestsOptions, ColorFlags {
  readonly output: "text" | "json" | "yaml";
}

/**
 * Loads, defaults and validates the manifests and prints the report on stdout: compiler-style
 * text, or exactly one JSON document (or the same document in YAML). Exit 0 when every manifest
 * is valid, else 1.
 */
export function runValidate(options: ValidateOptions, io: Io): ExitCode {
  const { reports } = loadManifests(options, io);
  switch (options.output) {
    case "json":
      io.stdout.write(`${JSON.stringify(validateJson(reports), null, 2)}\n`);
      break;
    case "yaml":
      io.stdout.write(stringify(validateJson(reports)));
      break;
    case "text":
      io.stdout.write(renderValidateText(reports, problemStyle(colorFor(options, io.stdout, io))));
      break;
  }
  return allValid(reports) ? ExitCode.ok : ExitCode.failure;
}
