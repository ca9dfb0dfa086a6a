#!/usr/bin/env node
// Writes schema/awskmskey.schema.json, the manifests' JSON Schema, from proto/.
//   node scripts/write-schema.mjs          write the file (needs `npm run build` first: it runs dist/)
//   node scripts/write-schema.mjs --check  fail when the committed file is stale
//   node scripts/write-schema.mjs --image  print the `buf build` image of proto/ on stdout
// The schema is generated from a `buf build` image rather than from gen/ because protoc-gen-es
// strips the source comments that become the schema's descriptions. The file is committed (and
// kept fresh by test/schema) so the package ships it without needing buf at install time and
// schema changes show up in reviews.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { printProtovalidateProto } from "./print-protovalidate-proto.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "schema", "awskmskey.schema.json");
const mode = process.argv[2] ?? "--write";

function protoImage() {
  // buf compiles `import "buf/validate/validate.proto"` from the copy scripts/gen.mjs prints.
  const validateProto = join(root, ".build", "protovalidate", "buf", "validate", "validate.proto");
  if (!existsSync(validateProto)) {
    mkdirSync(dirname(validateProto), { recursive: true });
    writeFileSync(validateProto, printProtovalidateProto());
  }
  return execFileSync(join(root, "node_modules", ".bin", "buf"), ["build", "-o", "-"], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });
}

if (mode === "--image") {
  // Exit only once the image is written: on a pipe the write is asynchronous, and exiting at once
  // cuts it at the pipe's buffer (64 KiB; the image is larger).
  await new Promise((resolve) => process.stdout.write(protoImage(), resolve));
  process.exit(0);
}

const require = createRequire(import.meta.url);
const { manifestSchemaFromImage } = require(join(root, "dist", "src", "schema", "manifest-schema-from-image.js"));
const text = manifestSchemaFromImage(new Uint8Array(protoImage()));
if (mode === "--check") {
  if (!existsSync(target) || readFileSync(target, "utf8") !== text) {
    console.error("schema/awskmskey.schema.json is stale (run npm run build && node scripts/write-schema.mjs)");
    process.exit(1);
  }
  console.error("schema/awskmskey.schema.json is up to date");
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.error(`wrote ${target}`);
}
