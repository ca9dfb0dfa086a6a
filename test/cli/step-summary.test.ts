import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendStepSummary } from "../../src/cli/step-summary";
import { memoryIo } from "../support/memory-io";

describe("appendStepSummary", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "planton-summary-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends the markdown to the file GITHUB_STEP_SUMMARY names, after what earlier steps wrote", () => {
    const path = join(dir, "summary.md");
    writeFileSync(path, "# earlier step\n");
    const io = memoryIo({ env: { GITHUB_STEP_SUMMARY: path } });
    expect(appendStepSummary("## planton preview", io, { enabled: true })).toBe(path);
    expect(readFileSync(path, "utf8")).toBe("# earlier step\n## planton preview\n");
  });

  it("writes nothing when opted out or outside GitHub Actions", () => {
    const path = join(dir, "summary.md");
    expect(appendStepSummary("x", memoryIo({ env: { GITHUB_STEP_SUMMARY: path } }), { enabled: false })).toBeUndefined();
    expect(appendStepSummary("x", memoryIo({ env: {} }), { enabled: true })).toBeUndefined();
    expect(() => readFileSync(path)).toThrow();
  });

  it("warns on stderr, without failing, when the file cannot be written", () => {
    const io = memoryIo({ env: { GITHUB_STEP_SUMMARY: join(dir, "missing", "summary.md") } });
    expect(appendStepSummary("x", io, { enabled: true })).toBeUndefined();
    expect(io.err()).toMatch(/^warning: cannot write the job summary to .*missing\/summary.md: ENOENT/);
  });
});
