import { isPlantonError } from "../core/planton-error";
import type { ReportSink, RunReport } from "./run-report";
import type { StackResult } from "./run-stacks";
import type { StackTarget } from "./stack-targets";

/** Runs one stack, reporting through `report`. */
export type RunStack<D> = (target: StackTarget, report: ReportSink) => Promise<StackResult<D>>;

/**
 * The frame's scheduler: runs at most `parallel` stacks at once, in input order, and returns
 * their results in input order. Reports stay together per stack: the earliest unfinished stack
 * reports live, every later one is held and released, whole, when all stacks before it are done.
 * After an interruption no stack starts: the rest are skipped.
 */
export async function scheduleStacks<D>(targets: readonly StackTarget[], parallel: number, report: ReportSink, run: RunStack<D>): Promise<StackResult<D>[]> {
  const results: (StackResult<D> | undefined)[] = targets.map(() => undefined);
  const held: RunReport[][] = targets.map(() => []);
  let head = 0;
  const sinkFor = (index: number): ReportSink => (r) => (index === head ? report(r) : void held[index]!.push(r));
  const finished = (index: number, result: StackResult<D>): void => {
    results[index] = result;
    while (head < targets.length && results[head] !== undefined) {
      head += 1;
      // The next stack becomes the live one: first what it reported while it waited.
      if (head < targets.length) held[head]!.splice(0).forEach(report);
    }
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      const stopped = results.some((r) => r !== undefined && isPlantonError(r.error) && r.error.kind === "interrupted");
      finished(index, stopped ? { target, ok: false, changed: false, skipped: true } : await run(target, sinkFor(index)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, targets.length)) }, worker));
  return results.map((r, i) => r ?? { target: targets[i]!, ok: false, changed: false, skipped: true });
}
