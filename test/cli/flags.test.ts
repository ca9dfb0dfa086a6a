import { buildProgram } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";

const program = buildProgram({ io: memoryIo(), engine: fakeEngine(), exitCode: ExitCode.ok });
const options = (name: string) => program.commands.find((command) => command.name() === name)!.options;

describe("flag groups", () => {
  it("define --region once: every command that takes it has the same help for it", () => {
    for (const name of ["validate", "policy", "preview", "apply", "destroy", "refresh", "outputs"]) {
      const region = options(name).filter((option) => option.long === "--region");
      expect({ name, help: region.map((option) => option.description) }).toEqual({
        name,
        help: ["AWS region when the manifest has none (default: AWS_REGION, AWS_DEFAULT_REGION)"],
      });
    }
  });
});
