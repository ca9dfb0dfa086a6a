import { runCli } from "../../src/cli/main";
import { NAME_RULE } from "../../src/manifest/resource-name";
import { memoryIo } from "../support/memory-io";

describe("planton init", () => {
  it("prints a commented example that validates", async () => {
    const init = memoryIo();
    expect(await runCli(["init"], init)).toBe(0);
    expect(init.out()).toContain("# An AWS KMS key as code");
    expect(init.out()).toContain("name: my-key\n");
    const check = memoryIo({ stdin: init.out() });
    expect(await runCli(["validate", "-f", "-"], check)).toBe(0);
    // The example leaves spec.policy commented out, so validate says what the AWS default policy allows.
    expect(check.out()).toMatch(/^-:\d+:1: warning: spec\.policy: not set: the key gets the AWS default key policy, .*\n1 manifest valid\n$/);
  });

  it("uses --name, and the result still validates", async () => {
    const init = memoryIo();
    expect(await runCli(["init", "--name", "billing-db"], init)).toBe(0);
    const check = memoryIo({ stdin: init.out() });
    expect(await runCli(["validate", "-f", "-", "-o", "json"], check)).toBe(0);
    expect(JSON.parse(check.out()).manifests[0].name).toBe("billing-db");
  });

  it("refuses a name that would not validate", async () => {
    const init = memoryIo();
    expect(await runCli(["init", "--name", "Billing DB"], init)).toBe(1);
    expect(init.out()).toBe("");
    expect(init.err()).toBe(`error: cannot write the example: --name must be 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit (got "Billing DB")\n`);
  });

  it("states the name rule in the same words in the help, the example and the error", async () => {
    expect(NAME_RULE).toBe("1-63 lowercase letters, digits and '-', starting and ending with a letter or digit");
    const help = memoryIo();
    await runCli(["init", "--help"], help);
    expect(help.out().replace(/\s+/g, " ")).toContain(`metadata.name of the example: ${NAME_RULE}`);
    const init = memoryIo();
    await runCli(["init"], init);
    expect(init.out()).toContain(`  # ${NAME_RULE}; names the stack and the default alias.\n  name: my-key\n`);
  });
  it("loads no @pulumi module and no AWS SDK (only the engine commands and import need them)", async () => {
    expect(await runCli(["init"], memoryIo())).toBe(0);
    const loaded = Object.keys(require.cache);
    expect(loaded.filter((path) => path.includes("node_modules/@pulumi/") || path.includes("node_modules/@aws-sdk/"))).toEqual([]);
  });
});
