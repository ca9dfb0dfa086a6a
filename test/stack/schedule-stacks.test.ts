import { PlantonError } from "../../src/core/planton-error";
import type { RunReport } from "../../src/stack/run-report";
import { scheduleStacks } from "../../src/stack/schedule-stacks";
import type { StackTarget } from "../../src/stack/stack-targets";

// The frame's scheduler with stacks that finish when a test says so: how many run at once, the
// order of results, and reports kept together per stack.

const target = (stack: string): StackTarget => ({ stack, label: { stack, file: `${stack}.yaml`, name: stack } }) as unknown as StackTarget;
const targets = ["a", "b", "c", "d"].map(target);

/** A stack run that reports a line, waits for `finish(stack)`, reports another line, and succeeds. */
function controlledRuns() {
  const waiting = new Map<string, () => void>();
  const running = new Set<string>();
  let most = 0;
  const run = async (t: StackTarget, report: (r: RunReport) => void) => {
    running.add(t.stack);
    most = Math.max(most, running.size);
    report({ kind: "notice", text: `${t.stack} started` });
    await new Promise<void>((resolve) => waiting.set(t.stack, resolve));
    report({ kind: "notice", text: `${t.stack} done` });
    running.delete(t.stack);
    return { target: t, ok: true, changed: false };
  };
  const finish = async (stack: string) => {
    for (let i = 0; i < 20 && !waiting.has(stack); i++) await Promise.resolve();
    waiting.get(stack)?.();
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return { run, finish, most: () => most, running };
}

describe("scheduleStacks", () => {
  it("runs at most N at once, keeps each stack's reports together in input order, and returns results in input order", async () => {
    const lines: string[] = [];
    const report = (r: RunReport) => void (r.kind === "notice" && lines.push(r.text));
    const runs = controlledRuns();
    const scheduled = scheduleStacks(targets, 2, report, runs.run);
    await runs.finish("b"); // b finishes first, while a still runs: b's lines wait for a
    expect(lines).toEqual(["a started"]);
    await runs.finish("c");
    await runs.finish("a");
    await runs.finish("d");
    const results = await scheduled;
    expect(runs.most()).toBe(2);
    expect(results.map((r) => r.target.stack)).toEqual(["a", "b", "c", "d"]);
    expect(lines).toEqual(["a started", "a done", "b started", "b done", "c started", "c done", "d started", "d done"]);
  });

  it("with 1, runs one after another and reports live", async () => {
    const lines: string[] = [];
    const runs = controlledRuns();
    const scheduled = scheduleStacks(targets.slice(0, 2), 1, (r) => void (r.kind === "notice" && lines.push(r.text)), runs.run);
    await runs.finish("a");
    expect(runs.running.has("b")).toBe(true);
    await runs.finish("b");
    await scheduled;
    expect(runs.most()).toBe(1);
  });

  it("after an interrupted stack, starts no other: the rest are skipped", async () => {
    const started: string[] = [];
    const results = await scheduleStacks(targets, 1, () => undefined, async (t) => {
      started.push(t.stack);
      return { target: t, ok: false, changed: false, error: new PlantonError("interrupted", `cannot apply stack ${t.stack}: interrupted`) };
    });
    expect(started).toEqual(["a"]);
    expect(results.map((r) => r.skipped ?? false)).toEqual([false, true, true, true]);
  });
});
