import { runCli } from "../../src/cli/main";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";

// `apply --plan FILE` takes the place of -f: it refuses the flags the plan already holds, and
// apply needs one of the two. A saved plan is bound to the live key, so neither `preview --out`
// nor `apply --plan` takes --no-refresh. Nothing reaches the engine in these cases.

describe("apply --plan's flags", () => {
  it.each([
    [["apply", "--plan", "p.json", "-f", "k.yaml"], "error: cannot apply: --plan applies the saved plan as it is; drop -f\n"],
    [["apply", "--plan", "p.json", "--set", "spec.description=x", "--allow-replace"], "error: cannot apply: --plan applies the saved plan as it is; drop --set, --allow-replace\n"],
    [["apply", "--plan", "p.json", "--no-refresh"], "error: cannot apply: --plan applies the saved plan as it is; drop --no-refresh\n"],
    [["preview", "-f", "k.yaml", "--out", "p.json", "--no-refresh"], "error: cannot preview: --out saves a plan made from the live resources; drop --no-refresh\n"],
    [["apply"], "error: cannot apply: pass -f with a manifest, or --plan with a plan saved by `planton preview --out`\n"],
  ])("planton %j exits 1 with a usage error", async (argv, message) => {
    const io = memoryIo();
    const engine = fakeEngine();
    expect(await runCli(argv, io, engine)).toBe(1);
    expect(io.err()).toContain(message);
    expect(engine.calls).toEqual([]);
  });

  it("a missing plan file is a usage error naming it", async () => {
    const io = memoryIo();
    expect(await runCli(["apply", "--plan", "/nonexistent/plan.json"], io, fakeEngine())).toBe(1);
    expect(io.err()).toBe("error: cannot read plan /nonexistent/plan.json: no such file\n  pass the file `planton preview --out` wrote\n");
  });
});
