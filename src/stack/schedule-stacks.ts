import { isPlantonError } from "../core/planton-error";
import type { ReportSink, RunReport } from "./run-report";
import type { SkipReason, StackResult } from "./run-stacks";
import type { StackTarget } from "./stack-targets";

/** Runs one stack, reporting through `report`. */
export type RunStack<D> = (target: StackTarget, report: ReportSink) => Promise<StackResult<D>>;

/** How the scheduler runs stacks: how many at once, and whether a failure stops the rest. */
export interface ScheduleOptions {
  readonly parallel: number;
  /** After the first failed stack, start no other. */
  readonly failFast: boolean;
}

/**
 * The frame's scheduler: runs at most `parallel` stacks at once, in input order, and returns
 * their results in input order. Reports stay together per stack: the earliest unfinished stack
 * reports live, every later one is held and released, whole, when all stacks before it are done.
 * When more than one stack runs, each operation's start says so (`several`), so its progress
 * lines can name their stack. After an interruption no stack starts, nor after a failure with
 * `failFast`: the rest are skipped, with the reason. Stacks already in flight run to their end.
 */
export async function scheduleStacks<D>(targets: readonly StackTarget[], options: ScheduleOptions, report: ReportSink, run: RunStack<D>): Promise<StackResult<D>[]> {
  const results: (StackResult<D> | undefined)[] = targets.map(() => undefined);
  const held: RunReport[][] = targets.map(() => []);
  const several = targets.length > 1;
  let head = 0;
  const sinkFor = (index: number): ReportSink => (r) => {
    const named = several && r.kind === "operation-started" ? { ...r, several } : r;
    return index === head ? report(named) : void held[index]!.push(named);
  };
  const finished = (index: number, result: StackResult<D>): void => {
    results[index] = result;
    while (head < targets.length && results[head] !== undefined) {
      head += 1;
      // The next stack becomes the live one: first what it reported while it waited.
      if (head < targets.length) held[head]!.splice(0).forEach(report);
    }
  };
  const stopReason = (): SkipReason | undefined => {
    const ended = results.filter((r): r is StackResult<D> => r !== undefined && r.skipped === undefined);
    if (ended.some((r) => isPlantonError(r.error) && r.error.kind === "interrupted")) return "interrupted";
    return options.failFast && ended.some((r) => !r.ok) ? "fail-fast" : undefined;
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      const stopped = stopReason();
      finished(index, stopped ? { target, ok: false, changed: false, skipped: stopped } : await run(target, sinkFor(index)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, targets.length)) }, worker));
  return results.map((r, i) => r ?? { target: targets[i]!, ok: false, changed: false, skipped: "interrupted" });
}
