import fc from "fast-check";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";
import { tempDir } from "../support/temp-dir";

// Mutated example manifests must always get a clean verdict: exit 0 or 1 and readable problems,
// never a stack trace or the exit funnel's "this is a bug" line.

const examplesDir = join(__dirname, "..", "..", "examples");
const examples = readdirSync(examplesDir).filter((n) => n.endsWith(".yaml")).map((n) => readFileSync(join(examplesDir, n), "utf8"));
const dir = tempDir("planton-fuzz");

/** Values of every YAML shape, to put where another type belongs. */
const yamlValue = fc.constantFrom(
  "", "~", "null", "true", "no", "0", "-1", "3.5", "1e400", "0x1F", "'quoted'", '"x"', "[]", "[a, 1]", "{}", "{a: b}",
  "*nope", "&a x", "!!binary aGk=", "!custom x", "2026-01-01", "SYMMETRIC_DEFAULT", "alias/aws/x", "|\n  block", ">-", "- item",
  "\u0000", "\t", "ä", "\uFFFF", "\u{1F600}", "'", "\"", "{", "[", ": :", "? x", "%YAML 1.1",
);

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Replace a value (after "key:") with a value of another type.
  fc.tuple(fc.nat(), yamlValue).map(([at, value]) => (lines: string[]) => {
    const i = at % lines.length;
    const colon = lines[i].indexOf(":");
    return lines.map((line, j) => (j === i ? (colon >= 0 ? `${line.slice(0, colon + 1)} ${value}` : value) : line));
  }),
  // Delete, duplicate or swap lines.
  fc.nat().map((at) => (lines: string[]) => lines.filter((_, j) => j !== at % lines.length)),
  fc.nat().map((at) => (lines: string[]) => lines.flatMap((line, j) => (j === at % lines.length ? [line, line] : [line]))),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (lines: string[]) => {
    const copy = [...lines];
    const i = a % copy.length;
    const k = b % copy.length;
    [copy[i], copy[k]] = [copy[k], copy[i]];
    return copy;
  }),
  // Re-indent a line, or insert raw text.
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([at, shift]) => (lines: string[]) =>
    lines.map((line, j) => (j === at % lines.length ? (shift >= 0 ? " ".repeat(shift) + line : line.slice(-shift)) : line)),
  ),
  fc.tuple(fc.nat(), fc.string({ maxLength: 12 })).map(([at, text]) => (lines: string[]) => {
    const copy = [...lines];
    copy.splice(at % (copy.length + 1), 0, text);
    return copy;
  }),
);

/** A random byte edit on the whole text: replace, insert or delete one character. */
const byteEdit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("replace", "insert", "delete")).map(
  ([at, code, kind]) => (text: string) => {
    const i = at % (text.length + 1);
    const char = String.fromCharCode(code);
    switch (kind) {
      case "replace":
        return text.slice(0, i) + char + text.slice(i + 1);
      case "insert":
        return text.slice(0, i) + char + text.slice(i);
      case "delete":
        return text.slice(0, i) + text.slice(i + 1);
    }
  },
);

it("mutated examples exit 0 or 1 with readable problems, never a stack trace", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: examples.length - 1 }),
      fc.array(mutation, { maxLength: 4 }),
      fc.array(byteEdit, { maxLength: 3 }),
      async (which, mutations, edits) => {
        let text = mutations.reduce((lines, mutate) => mutate(lines), examples[which].split("\n")).join("\n");
        text = edits.reduce((current, edit) => edit(current), text);
        const name = `m${run++}.yaml`;
        writeFileSync(join(dir, name), text);
        const io = memoryIo({ cwd: dir });
        const code = await runCli(["validate", "-f", name], io);
        const output = io.out() + io.err();
        expect([0, 1]).toContain(code);
        expect(output).not.toMatch(/^\s{4}at /m);
        expect(output).not.toContain("bug in planton");
        expect(output).toMatch(/manifests? (valid|invalid)\n$/);
      },
    ),
    { numRuns: 400 },
  );
});
