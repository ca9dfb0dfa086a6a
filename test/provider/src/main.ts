/**
 * Entry point of the test-only `pulumi-resource-aws` plugin: serves Key, Alias
 * and ReplicaKey against KMS emulators over the Pulumi provider protocol. The
 * engine starts it (see ../bin/pulumi-resource-aws) and reads its port from stdout.
 */
import * as provider from "@pulumi/pulumi/provider";
import { EMPTY_CONFIG, ProviderConfig } from "./config";
import { installHooks } from "./grpc-hooks";
import { makeProvider } from "./provider";

let config: ProviderConfig = EMPTY_CONFIG;
const kms = makeProvider(() => config);

installHooks({
  onConfigure(cfg) {
    config = cfg;
  },
  diff: (id, urn, olds, news) => kms.diff(id, urn, olds, news),
  preview: (urn, olds, news) => kms.preview(urn, olds, news),
});

provider.main(kms, process.argv.slice(2)).catch((e: unknown) => {
  console.error(`pulumi-resource-aws (test): ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
