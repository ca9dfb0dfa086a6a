import { runCli } from "../../src/cli/main";
import { createEvents } from "../plan/fixtures";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";

// --parallel on the engine commands, with a fake engine: parsed once for all of them, refused when
// it is not a whole number of at least 1; each stack's output stays together, summary in input order.

const doc = (name: string) => `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\nspec:\n  region: us-east-1\n`;
const stdin = `${doc("a")}---\n${doc("b")}---\n${doc("c")}`;
const env = { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent" };

describe("--parallel", () => {
  it.each(["0", "-1", "1.5", "many"])("refuses %s", async (value) => {
    const io = memoryIo({ stdin, env });
    expect(await runCli(["preview", "-f", "-", "--parallel", value], io, fakeEngine())).toBe(1);
    expect(io.err()).toContain("expected a whole number of at least 1");
  });

  it.each(["preview", "apply", "destroy", "refresh", "outputs"])("is taken by %s", async (command) => {
    const io = memoryIo({ stdin, env });
    await runCli([command, "-f", "-", "--parallel", "2", "--help"], io, fakeEngine());
    expect(io.out()).toContain("--parallel <n>");
  });

  it("keeps each stack's plan together and the summary in input order", async () => {
    const io = memoryIo({ stdin, env });
    expect(await runCli(["preview", "-f", "-", "--parallel", "3"], io, fakeEngine({ events: { preview: createEvents() } }))).toBe(0);
    // Each stack's plan is one block, the blocks in input order.
    const headings = io.out().split("\n").filter((line) => /^Stack [abc] /.test(line));
    expect(headings.map((line) => line.slice(0, 7))).toEqual(["Stack a", "Stack b", "Stack c"]);
    expect(io.err()).toContain("planton preview: 3 stacks\n  ok      a (-): 2 to create\n  ok      b (-): 2 to create\n  ok      c (-): 2 to create\n");
  });

  it("at a prompt runs one stack at a time: each question right after its own plan and deploy", async () => {
    const io = memoryIo({ stdin, env, tty: true, answers: ["yes", "yes", "yes"] });
    expect(await runCli(["apply", "-f", "-", "--parallel", "3"], io, fakeEngine({ events: { preview: createEvents() } }))).toBe(0);
    const order = io.err().match(/Apply these changes to stack [abc]\?|Applying stack [abc]\.\.\./g);
    expect(order).toEqual([
      "Apply these changes to stack a?", "Applying stack a...",
      "Apply these changes to stack b?", "Applying stack b...",
      "Apply these changes to stack c?", "Applying stack c...",
    ]);
  });
});
