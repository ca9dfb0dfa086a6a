import { lockWarning } from "../render/lock-text";
import type { RunReport, ReportSink } from "../stack/run-report";
import { reportError } from "./exit";
import type { Io } from "./io";
import { printProblems, type ColorFlags } from "./print-problems";
import { startProgress, type Progress } from "./print-progress";

/** A command's own reports (a plan, a drift), printed as they come; the rest is common. */
export type StackReportPrinter = (report: Extract<RunReport, { kind: "planned" | "destroy-planned" | "refreshed" | "drift-decided" | "unlock-planned" }>) => void;

/**
 * The printer of a run's reports as they come, the same for every engine command: problems,
 * notices, progress lines with their heartbeat, --verbose engine output and failures on stderr
 * (stdout is kept for the command's own output); `printStack` prints what is the command's own.
 */
export function reportPrinter(io: Io, options: ColorFlags & { verbose: boolean }, printStack: StackReportPrinter): ReportSink {
  // Keyed by stack: each stack has at most one engine operation in flight.
  const progress = new Map<string, Progress>();
  return (report) => {
    switch (report.kind) {
      case "problems":
        printProblems(io, report.problems, options);
        return;
      case "notice":
      case "recovered":
      case "stack-warning":
        io.stderr.write(`${report.text}\n`);
        return;
      case "locked":
        io.stderr.write(`${lockWarning(report.lock, report.unlock)}\n`);
        return;
      case "run-failed":
        reportError(report.error, io, options.verbose);
        return;
      case "operation-started":
        progress.set(report.label.stack, startProgress(io, { doing: report.doing, ...(report.several ? { stack: report.label.stack } : {}) }));
        return;
      case "engine-event":
        progress.get(report.label.stack)?.onEvent(report.event);
        return;
      case "engine-output":
        io.stderr.write(report.text);
        return;
      case "operation-ended":
        progress.get(report.label.stack)?.stop();
        progress.delete(report.label.stack);
        return;
      case "changing":
        io.stderr.write(`${report.verb === "apply" ? "Applying" : "Destroying"} stack ${report.label.stack}...\n`);
        return;
      case "stack-failed":
        reportError(report.error, io, options.verbose);
        return;
      case "planned":
      case "destroy-planned":
      case "refreshed":
      case "drift-decided":
      case "unlock-planned":
        printStack(report);
        return;
    }
  };
}
