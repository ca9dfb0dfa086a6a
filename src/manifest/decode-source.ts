import { fromJson } from "@bufbuild/protobuf";
import { isScalar } from "yaml";
import { AwsKmsKeySchema, type AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { error, type Problem, type SourcePosition } from "../core/problem";
import { applyOverrides } from "./apply-overrides";
import { checkDocument } from "./check-document";
import type { Override } from "./parse-overrides";
import { parseDocuments } from "./parse-documents";
import type { PositionIndex } from "./position-index";
import type { Source } from "./read-sources";

/** One document of a source, decoded as far as it would go. */
export interface DecodedDocument {
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly index: number;
  /** `metadata.name` when the document has a string there, else "". */
  readonly name: string;
  /**
   * The message built from the fields that passed the schema check (all of them when `problems`
   * is empty); undefined when the document is not a mapping. Not yet defaulted.
   */
  readonly key: AwsKmsKey | undefined;
  readonly positions: PositionIndex;
  readonly problems: Problem[];
}

/** The documents of a source, and the problems of the source as a whole (syntax, emptiness). */
export interface DecodeSourceResult {
  readonly documents: DecodedDocument[];
  readonly problems: Problem[];
}

/**
 * Parses a source, checks each document against the AwsKmsKey schema, applies the `--set`
 * overrides and builds the messages. Every problem is collected; nothing is thrown.
 */
export function decodeSource(source: Source, overrides: readonly Override[]): DecodeSourceResult {
  const parsed = parseDocuments(source);
  const documents = parsed.documents.map((yaml): DecodedDocument => {
    const nameNode = yaml.document.getIn(["metadata", "name"], true);
    const name = isScalar(nameNode) && typeof nameNode.value === "string" ? nameNode.value : "";
    const checked = checkDocument(yaml, AwsKmsKeySchema);
    const base = { file: source.file, index: yaml.index, name, positions: checked.positions };
    if (checked.value === undefined) return { ...base, key: undefined, problems: checked.problems };
    const overridden = applyOverrides(checked.value, overrides, checked.positions);
    const message = toMessage(overridden.value, checked.positions.get("") ?? { file: source.file });
    const problems = [...checked.problems, ...overridden.problems, ...message.problems];
    return { ...base, name: message.key?.metadata?.name ?? name, key: message.key, problems };
  });
  return { documents, problems: parsed.problems };
}

function toMessage(value: Parameters<typeof fromJson>[1], at: SourcePosition): { key: AwsKmsKey | undefined; problems: Problem[] } {
  try {
    return { key: fromJson(AwsKmsKeySchema, value), problems: [] };
  } catch (cause) {
    // The schema walk accepts only what fromJson accepts; this is a safety net, not a path.
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { key: undefined, problems: [error("", `cannot read the manifest: ${reason}`, at)] };
  }
}
