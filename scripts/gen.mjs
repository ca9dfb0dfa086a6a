#!/usr/bin/env node
// Regenerates gen/ from proto/ (`npm run gen`), or with --check fails when gen/ is stale,
// or with --lint-only just lints the protos. Steps: print the buf.validate schema from the
// installed @bufbuild/protovalidate into .build/protovalidate (git-ignored), `buf lint`,
// then `buf generate` with protoc-gen-es, then src/validate/aws-partitions.ts from the AWS SDK
// (scripts/write-aws-partitions.mjs).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { printProtovalidateProto } from "./print-protovalidate-proto.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "node_modules", ".bin");
const mode = process.argv[2] ?? "--write";
// Anything else would fall through to the default: deleting gen/ and regenerating it.
if (!["--write", "--check", "--lint-only"].includes(mode) || process.argv.length > 3) {
  console.error("usage: node scripts/gen.mjs [--write | --check | --lint-only]");
  process.exit(1);
}

function buf(...args) {
  try {
    execFileSync(join(bin, "buf"), args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
  } catch {
    // buf has already printed what is wrong.
    console.error(`buf ${args[0]} failed`);
    process.exit(1);
  }
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const schemaDir = join(root, ".build", "protovalidate", "buf", "validate");
mkdirSync(schemaDir, { recursive: true });
writeFileSync(join(schemaDir, "validate.proto"), printProtovalidateProto());

buf("lint");
if (mode === "--lint-only") process.exit(0);

if (mode === "--check") {
  const fresh = mkdtempSync(join(tmpdir(), "planton-gen-"));
  try {
    buf("generate", "--output", fresh);
    const expected = listFiles(join(fresh, "gen")).map((f) => relative(join(fresh, "gen"), f)).sort();
    const actual = listFiles(join(root, "gen")).map((f) => relative(join(root, "gen"), f)).sort();
    const stale = [...new Set([...expected, ...actual])].filter((f) => {
      const a = join(root, "gen", f);
      const b = join(fresh, "gen", f);
      return !existsSync(a) || !existsSync(b) || readFileSync(a, "utf8") !== readFileSync(b, "utf8");
    });
    if (stale.length > 0) {
      console.error(`gen/ is stale (run npm run gen): ${stale.join(", ")}`);
      process.exit(1);
    }
    console.error("gen/ is up to date");
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
} else {
  rmSync(join(root, "gen"), { recursive: true, force: true });
  buf("generate");
}

try {
  execFileSync(process.execPath, [join(root, "scripts", "write-aws-partitions.mjs"), mode], { cwd: root, stdio: "inherit" });
} catch {
  process.exit(1);
}
