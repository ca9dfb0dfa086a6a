import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";

// `planton policy` works offline and starts fast: nothing on its path may load the Pulumi SDK or the AWS SDK (only `import` needs it).
it("printing a policy loads no @pulumi module and no AWS SDK", async () => {
  const io = memoryIo({ stdin: "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: k\nspec: {}\n" });
  expect(await runCli(["policy", "-f", "-"], io)).toBe(0);
  const loaded = Object.keys(require.cache);
  // Sanity: the policy path itself was loaded, so the check below means something.
  expect(loaded.some((path) => path.includes("src/policy/build-policy"))).toBe(true);
  expect(loaded.filter((path) => path.includes("node_modules/@pulumi/") || path.includes("node_modules/@aws-sdk/"))).toEqual([]);
});
