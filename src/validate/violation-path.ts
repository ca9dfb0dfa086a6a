import type { Path } from "@bufbuild/protobuf/reflect";

/** A protovalidate field path in manifest terms: JSON names, `.key` for map entries, `[i]` for items. */
export function violationPath(path: Path): string {
  let result = "";
  for (const element of path) {
    switch (element.kind) {
      case "field":
      case "extension":
        result = result === "" ? element.jsonName : `${result}.${element.jsonName}`;
        break;
      case "oneof":
        break;
      case "list_sub":
        result += `[${element.index}]`;
        break;
      case "map_sub":
        result += `.${String(element.key)}`;
        break;
    }
  }
  return result;
}

/** The value a protovalidate path points at in `message` (list and map values included). */
export function valueAt(message: unknown, path: Path): unknown {
  let current: unknown = message;
  for (const element of path) {
    if (current === undefined || current === null) return undefined;
    switch (element.kind) {
      case "field":
        current = (current as Record<string, unknown>)[element.localName];
        break;
      case "extension":
        // Extensions carry planton's predefined rules, never manifest data.
        return undefined;
        break;
      case "oneof":
        break;
      case "list_sub":
        current = (current as unknown[])[element.index];
        break;
      case "map_sub":
        current = (current as Record<string, unknown>)[String(element.key)];
        break;
    }
  }
  return current;
}
