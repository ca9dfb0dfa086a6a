import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { schemaComment } from "../../src/schema/schema-comment";
import { memoryIo } from "../support/memory-io";

const shipped = readFileSync(join(__dirname, "..", "..", "schema", "awskmskey.schema.json"), "utf8");

describe("planton schema", () => {
  it("prints the shipped JSON Schema, and only it, on stdout and exits 0", async () => {
    const io = memoryIo();
    expect(await runCli(["schema"], io)).toBe(0);
    expect(io.out()).toBe(shipped);
    expect(JSON.parse(io.out()).$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(io.err()).toBe("");
  });

  it("lists its exit code in --help", async () => {
    const io = memoryIo();
    expect(await runCli(["schema", "--help"], io)).toBe(0);
    expect(io.out()).toContain("Exit codes:\n  0  the JSON Schema was printed\n");
  });

  it("exits 1 on an unknown flag", async () => {
    const io = memoryIo();
    expect(await runCli(["schema", "--bogus"], io)).toBe(1);
    expect(io.err()).toContain("unknown option '--bogus'");
  });
});

describe("schemaComment", () => {
  it("is the yaml-language-server modeline pointing at the shipped schema", () => {
    expect(schemaComment()).toBe(`# yaml-language-server: $schema=${join(__dirname, "..", "..", "schema", "awskmskey.schema.json")}`);
    expect(schemaComment("https://example.com/s.json")).toBe("# yaml-language-server: $schema=https://example.com/s.json");
  });
});

describe("planton init and the schema", () => {
  it("starts the example with the modeline that points editors at the shipped schema", async () => {
    const io = memoryIo();
    expect(await runCli(["init"], io)).toBe(0);
    const [first] = io.out().split("\n");
    expect(first).toBe(schemaComment());
    expect(readFileSync(first!.replace("# yaml-language-server: $schema=", ""), "utf8")).toBe(shipped);
  });

  it("points at PLANTON_SCHEMA_URL instead when set (a URL the whole team can reach)", async () => {
    const io = memoryIo({ env: { PLANTON_SCHEMA_URL: "https://example.com/planton/awskmskey.schema.json" } });
    expect(await runCli(["init"], io)).toBe(0);
    expect(io.out().split("\n")[0]).toBe("# yaml-language-server: $schema=https://example.com/planton/awskmskey.schema.json");
  });
});
