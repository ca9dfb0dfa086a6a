// Run by confirm.test.ts under a real pseudo-terminal (`script`): asks for confirmation through
// the real process Io and exits as planton would with the outcome.
import { requireConfirmation } from "../../src/cli/confirm";
import { reportError } from "../../src/cli/exit";
import { processIo } from "../../src/cli/io";

const io = processIo();
requireConfirmation(io, "apply", "tty-stack", { yes: false }).then(
  () => {
    io.stderr.write("confirmed\n");
    process.exitCode = 0;
  },
  (err: unknown) => {
    process.exitCode = reportError(err, io, false);
  },
);
