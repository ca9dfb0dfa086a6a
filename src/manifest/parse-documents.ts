import { isScalar, LineCounter, parseAllDocuments, type Document, type YAMLError } from "yaml";
import { error, hasErrors, warning, type Problem, type SourcePosition } from "../core/problem";
import type { Source } from "./read-sources";

/** One non-empty YAML document of a source, still as YAML nodes (they carry source offsets). */
export interface YamlDocument {
  readonly file: string;
  /** 0-based position among the file's documents, counting empty ones. */
  readonly index: number;
  readonly document: Document.Parsed;
  /** Turns a node's offset into a 1-based line and column. */
  readonly positionAt: (offset: number) => SourcePosition;
}

/** The documents of a source, and the YAML syntax problems that kept others out. */
export interface ParseDocumentsResult {
  readonly documents: YamlDocument[];
  readonly problems: Problem[];
}

/**
 * Parses a multi-document YAML source. A document with syntax errors yields only its problems
 * (one line each); empty documents (a trailing `---`) are skipped, but a source with no document
 * at all is a problem.
 */
export function parseDocuments(source: Source): ParseDocumentsResult {
  const lineCounter = new LineCounter();
  const positionAt = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: source.file, line, column: col };
  };
  // prettyErrors off: messages stay one line; we add file:line:column ourselves. uniqueKeys off:
  // the library compares every key with every other (slow for a big mapping); checkDocument finds
  // a repeated key in one pass.
  const parsed = parseAllDocuments(source.text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const documents: YamlDocument[] = [];
  const problems: Problem[] = [];
  const all = Array.isArray(parsed) ? parsed : [];
  all.forEach((document, index) => {
    if (document.errors.length > 0) {
      for (const yamlError of document.errors) problems.push(error("", `invalid YAML: ${describeYamlError(yamlError)}`, positionAt(yamlError.pos[0])));
      return;
    }
    // A warning (an unknown directive, say) leaves the YAML valid: it is not "invalid YAML".
    for (const yamlWarning of document.warnings) problems.push(warning("", describeYamlError(yamlWarning), positionAt(yamlWarning.pos[0])));
    // A trailing `---` or a comment-only document parses as nothing or as a null scalar.
    if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) return;
    documents.push({ file: source.file, index, document, positionAt });
  });
  // Warnings alone do not make a manifest: a source with nothing else is still empty.
  if (documents.length === 0 && !hasErrors(problems)) {
    problems.push(error("", "file has no manifest: it is empty or holds only comments", { file: source.file }));
  }
  return { documents, problems };
}

/** The YAML library's message, minus its own " at line N, column M" (we print that first). */
function describeYamlError(yamlError: YAMLError): string {
  // The parser recurses per nesting level and reports its own stack overflow as an error.
  if (/call stack/i.test(yamlError.message)) return "it is nested too deeply (a manifest needs a few levels, not thousands)";
  const firstLine = yamlError.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "").replace(/:$/, "");
  return lowerFirst(firstLine);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
