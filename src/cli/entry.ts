// What bin/planton runs: directly, or bundled into the startup snapshot, which calls main()
// itself once deserialized (scripts/snapshot-entry.cjs).
import { main } from "./main";

export { main } from "./main";
export { warmUp } from "./warm-up";

if (require.main === module) void main();
