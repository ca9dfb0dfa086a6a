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
