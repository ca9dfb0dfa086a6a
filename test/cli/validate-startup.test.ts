import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";

// `planton validate` must start fast: nothing on its path may load the Pulumi SDK or the AWS SDK (only `import` needs it).
it("validating a manifest loads no @pulumi module and no AWS SDK", async () => {
  const io = memoryIo({ stdin: "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: k\nspec: {}\n" });
  expect(await runCli(["validate", "-f", "-"], io)).toBe(0);
  // Sanity: the validate path itself was loaded, so the check below means something.
  const loaded = Object.keys(require.cache);
  expect(loaded.some((path) => path.includes("protovalidate"))).toBe(true);
  expect(loaded.filter((path) => path.includes(`node_modules/@pulumi/`) || path.includes("node_modules/@aws-sdk/"))).toEqual([]);
});
