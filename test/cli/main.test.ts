import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";

describe("planton", () => {
  it("prints help on stdout and exits 0", async () => {
    const io = memoryIo();
    expect(await runCli(["--help"], io)).toBe(0);
    expect(io.out()).toContain("Usage: planton");
  });

  it("exits 1 on an unknown flag and says which", async () => {
    const io = memoryIo();
    expect(await runCli(["--bogus"], io)).toBe(1);
    expect(io.err()).toContain("unknown option '--bogus'");
  });
});

describe("planton's --verbose", () => {
  // A Writer that fails stands for a bug: reportError prints its stack only under --verbose.
  function failingIo() {
    const io = memoryIo();
    return { ...io, stdout: { write: () => { throw new Error("boom"); }, isTTY: false } };
  }

  it("is off unless given: an unexpected error then asks for it", async () => {
    const io = failingIo();
    expect(await runCli(["validate", "-f", "missing.yaml"], io)).toBe(1);
    expect(io.err()).toBe("error: boom\n  (this is a bug in planton; run again with --verbose for details)\n");
  });

  it.each([
    ["before the command", ["--verbose", "validate", "-f", "missing.yaml"]],
    ["after the command", ["validate", "-f", "missing.yaml", "--verbose"]],
  ])("prints the stack of an unexpected error when given %s", async (_where, argv) => {
    const io = failingIo();
    expect(await runCli(argv, io)).toBe(1);
    expect(io.err()).toMatch(/^error: boom\nError: boom\n\s+at /);
  });
});
