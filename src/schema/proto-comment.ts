import type { DescEnum, DescEnumValue, DescField, DescMessage } from "@bufbuild/protobuf";

// Field numbers in descriptor.proto that make up a source-code-info path.
const FILE_MESSAGE_TYPE = 4;
const FILE_ENUM_TYPE = 5;
const MESSAGE_FIELD = 2;
const MESSAGE_NESTED_TYPE = 3;
const MESSAGE_ENUM_TYPE = 4;
const ENUM_VALUE = 2;

/** An element of a descriptor that can carry a doc comment. */
export type CommentedDesc = DescMessage | DescField | DescEnum | DescEnumValue;

/**
 * The leading doc comment of a proto element as one text (lines joined, paragraphs kept,
 * `buf:lint:` directives dropped), or undefined when the descriptor carries no source info:
 * protoc-gen-es strips it from the runtime descriptors in gen/, a `buf build` image keeps it.
 */
export function protoComment(desc: CommentedDesc): string | undefined {
  const file = desc.kind === "field" || desc.kind === "enum_value" ? desc.parent.file : desc.file;
  const locations = file.proto.sourceCodeInfo?.location;
  if (locations === undefined) return undefined;
  const path = sourcePath(desc).join(",");
  const location = locations.find((l) => l.path.join(",") === path);
  return location?.leadingComments ? tidy(location.leadingComments) : undefined;
}

function sourcePath(desc: CommentedDesc): number[] {
  switch (desc.kind) {
    case "message":
      return desc.parent
        ? [...sourcePath(desc.parent), MESSAGE_NESTED_TYPE, desc.parent.proto.nestedType.indexOf(desc.proto)]
        : [FILE_MESSAGE_TYPE, desc.file.proto.messageType.indexOf(desc.proto)];
    case "enum":
      return desc.parent
        ? [...sourcePath(desc.parent), MESSAGE_ENUM_TYPE, desc.parent.proto.enumType.indexOf(desc.proto)]
        : [FILE_ENUM_TYPE, desc.file.proto.enumType.indexOf(desc.proto)];
    case "field":
      return [...sourcePath(desc.parent), MESSAGE_FIELD, desc.parent.proto.field.indexOf(desc.proto)];
    case "enum_value":
      return [...sourcePath(desc.parent), ENUM_VALUE, desc.parent.proto.value.indexOf(desc.proto)];
  }
}

/** Proto comments are hard-wrapped for the source file; editors wrap themselves. */
function tidy(comment: string): string {
  const lines = comment
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => !line.startsWith("buf:lint:"));
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line === "") {
      if (current.length > 0) paragraphs.push(current.join(" "));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) paragraphs.push(current.join(" "));
  return paragraphs.join("\n\n");
}
