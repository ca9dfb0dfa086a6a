// Prints the buf.validate schema that @bufbuild/protovalidate ships (as a runtime descriptor)
// back into .proto source, so `buf` can compile our `import "buf/validate/validate.proto"`
// without the Buf registry. The output goes to a git-ignored folder: the schema is never
// committed. Custom options (protovalidate's own predefined CEL rules) are left out: they
// matter at validation time, where the runtime descriptor is used, not for compiling ours.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { file_buf_validate_validate } = require("@bufbuild/protovalidate/gen/buf/validate/validate_pb.js");

const LABEL = { 1: "optional", 2: "required", 3: "repeated" };
const SCALAR = {
  1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32",
  8: "bool", 9: "string", 12: "bytes", 13: "uint32", 15: "sfixed32", 16: "sfixed64",
  17: "sint32", 18: "sint64",
};
const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;
const MAX_FIELD_NUMBER = 536870912;

/** Renders one FileDescriptorProto (proto2 or proto3) as .proto source text. */
export function printFile(file) {
  const out = [`syntax = "${file.syntax || "proto2"}";`, "", `package ${file.package};`, ""];
  for (const dep of file.dependency) out.push(`import "${dep}";`);
  out.push("");
  for (const e of file.enumType) printEnum(e, "", out);
  for (const m of file.messageType) printMessage(m, "", out, file.syntax === "proto3");
  printExtensions(file.extension, "", out);
  return out.join("\n") + "\n";
}

function typeName(field) {
  if (field.type === TYPE_MESSAGE || field.type === TYPE_ENUM) return field.typeName;
  return SCALAR[field.type];
}

function fieldOptions(field) {
  const opts = [];
  if (field.defaultValue) {
    const quoted = field.type === 9 || field.type === 12;
    opts.push(`default = ${quoted ? JSON.stringify(field.defaultValue) : field.defaultValue}`);
  }
  if (field.options?.deprecated) opts.push("deprecated = true");
  if (field.options?.packed !== undefined && field.options.$unknown === undefined && field.options.packed) opts.push("packed = true");
  return opts.length ? ` [${opts.join(", ")}]` : "";
}

function printField(field, indent, out, proto3, inOneof) {
  const label = inOneof || (proto3 && field.label !== 3 && !field.proto3Optional) ? "" : `${LABEL[field.label]} `;
  out.push(`${indent}${label}${typeName(field)} ${field.name} = ${field.number}${fieldOptions(field)};`);
}

function printMessage(msg, indent, out, proto3) {
  const inner = indent + "  ";
  out.push(`${indent}message ${msg.name} {`);
  for (const e of msg.enumType) printEnum(e, inner, out);
  for (const nested of msg.nestedType) {
    if (!nested.options?.mapEntry) printMessage(nested, inner, out, proto3);
  }
  const mapEntries = new Map(
    msg.nestedType.filter((n) => n.options?.mapEntry).map((n) => [n.name, n]),
  );
  const printedOneofs = new Set();
  for (const field of msg.field) {
    const entry = field.type === TYPE_MESSAGE && mapEntries.get(field.typeName.split(".").pop());
    if (entry) {
      const [k, v] = entry.field;
      out.push(`${inner}map<${typeName(k)}, ${typeName(v)}> ${field.name} = ${field.number};`);
    } else if (inOneof(field)) {
      if (printedOneofs.has(field.oneofIndex)) continue;
      printedOneofs.add(field.oneofIndex);
      out.push(`${inner}oneof ${msg.oneofDecl[field.oneofIndex].name} {`);
      for (const member of msg.field.filter((f) => inOneof(f) && f.oneofIndex === field.oneofIndex)) {
        printField(member, inner + "  ", out, proto3, true);
      }
      out.push(`${inner}}`);
    } else {
      printField(field, inner, out, proto3, false);
    }
  }
  for (const r of msg.extensionRange) {
    out.push(`${inner}extensions ${r.start} to ${r.end >= MAX_FIELD_NUMBER ? "max" : r.end - 1};`);
  }
  for (const r of msg.reservedRange) out.push(`${inner}reserved ${r.start} to ${r.end - 1};`);
  if (msg.reservedName.length) out.push(`${inner}reserved ${msg.reservedName.map((n) => JSON.stringify(n)).join(", ")};`);
  printExtensions(msg.extension, inner, out);
  out.push(`${indent}}`);
}

// proto2 descriptors keep unset optional fields on the prototype: only an own property is set.
function inOneof(field) {
  return Object.hasOwn(field, "oneofIndex") && !field.proto3Optional;
}

function printEnum(en, indent, out) {
  out.push(`${indent}enum ${en.name} {`);
  for (const v of en.value) out.push(`${indent}  ${v.name} = ${v.number};`);
  out.push(`${indent}}`);
}

function printExtensions(extensions, indent, out) {
  for (const ext of extensions) {
    out.push(`${indent}extend ${ext.extendee} {`);
    printField(ext, indent + "  ", out, false, false);
    out.push(`${indent}}`);
  }
}

/** The buf.validate schema as .proto source. */
export function printProtovalidateProto() {
  return printFile(file_buf_validate_validate.proto);
}
