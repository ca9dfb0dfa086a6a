import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { maxSourceBytes, readSources } from "../../src/manifest/read-sources";
import { tempDir } from "../support/temp-dir";

const dir = tempDir("planton-read");
const reads = (paths: string[], stdin = "") => readSources(paths, { cwd: dir, readStdin: () => stdin }).reads;
const read = (paths: string[], stdin = "") => {
  const all = reads(paths, stdin);
  return {
    sources: all.flatMap((r) => (r.kind === "source" ? [r.source] : [])),
    problems: all.flatMap((r) => (r.kind === "unreadable" ? [r.problem] : [])),
  };
};
const messages = (paths: string[], stdin?: string) => read(paths, stdin).problems.map((p) => `${p.file}: ${p.message}`);

beforeAll(() => {
  mkdirSync(join(dir, "keys"));
  writeFileSync(join(dir, "keys", "b.yml"), "b: 1\n");
  writeFileSync(join(dir, "keys", "a.yaml"), "a: 1\n");
  writeFileSync(join(dir, "keys", "notes.txt"), "not a manifest\n");
  mkdirSync(join(dir, "empty"));
  writeFileSync(join(dir, "binary.yaml"), Buffer.from([0x61, 0x3a, 0x00, 0x01]));
  writeFileSync(join(dir, "latin1.yaml"), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
  writeFileSync(join(dir, "huge.yaml"), "#".repeat(maxSourceBytes + 1));
});

describe("readSources", () => {
  it("reads a directory's *.yaml and *.yml files, sorted, and nothing else", () => {
    expect(read(["keys"]).sources).toEqual([
      { file: join("keys", "a.yaml"), text: "a: 1\n" },
      { file: join("keys", "b.yml"), text: "b: 1\n" },
    ]);
  });

  it("reads - from stdin", () => {
    expect(read(["-"], "x: 1\n").sources).toEqual([{ file: "-", text: "x: 1\n" }]);
  });

  it("gives one problem per unreadable input and keeps reading the rest", () => {
    const result = read(["missing.yaml", "keys/a.yaml", "empty"]);
    expect(result.sources.map((s) => s.file)).toEqual(["keys/a.yaml"]);
    expect(result.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      "missing.yaml: cannot read file: no such file or directory",
      "empty: directory has no manifests (no *.yaml or *.yml files)",
    ]);
  });

  it("keeps readable and unreadable inputs in the order given", () => {
    const order = reads(["keys/a.yaml", "missing.yaml", "keys", "-"], "x: 1\n").map((r) =>
      r.kind === "source" ? r.source.file : `${r.problem.file} (unreadable)`,
    );
    expect(order).toEqual(["keys/a.yaml", "missing.yaml (unreadable)", join("keys", "a.yaml"), join("keys", "b.yml"), "-"]);
  });

  it("refuses binary, non-UTF-8 and huge files", () => {
    expect(messages(["binary.yaml", "latin1.yaml", "huge.yaml"])).toEqual([
      "binary.yaml: is a binary file, not a YAML manifest",
      "latin1.yaml: is not UTF-8 text (is it a binary file?)",
      `huge.yaml: is too large for a manifest (more than ${maxSourceBytes} bytes)`,
    ]);
    expect(messages(["-"], "a\0b")).toEqual(["-: is a binary file, not a YAML manifest"]);
    expect(messages(["-"], "#".repeat(maxSourceBytes + 1))).toEqual([`-: is too large for a manifest (more than ${maxSourceBytes} bytes)`]);
  });

  it("reports an unreadable file", () => {
    if (process.getuid?.() === 0) return; // root reads everything
    writeFileSync(join(dir, "secret.yaml"), "a: 1\n");
    chmodSync(join(dir, "secret.yaml"), 0o000);
    expect(messages(["secret.yaml"])).toEqual(["secret.yaml: cannot read file: permission denied"]);
  });
});
