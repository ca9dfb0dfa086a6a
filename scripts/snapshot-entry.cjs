// Runs inside `node --build-snapshot` (see scripts/build-snapshot.mjs). The snapshot builder's
// `require` loads only Node's built-in modules, so the bundle is evaluated here by hand, with a
// `require` that defers everything else (the Pulumi SDK, loaded lazily by the engine commands)
// to run time, when the real module loader is back.
const { readFileSync } = require("node:fs");
const { createRequire, isBuiltin, wrap } = require("node:module");
const { dirname } = require("node:path");
const { runInThisContext } = require("node:vm");
const v8 = require("node:v8");

const bundle = process.env.PLANTON_BUNDLE;
let loadAtRunTime = (id) => {
  throw new Error(`cannot load ${id} while building the startup snapshot`);
};
const bundleRequire = (id) => (isBuiltin(id) ? require(id) : loadAtRunTime(id));

const module = { exports: {} };
runInThisContext(wrap(readFileSync(bundle, "utf8")), { filename: bundle })
  .call(module.exports, module.exports, bundleRequire, module, bundle, dirname(bundle));

module.exports.warmUp().then(() => {
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    loadAtRunTime = createRequire(bundle);
    // `node --snapshot-blob BLOB args...` has no script in argv[1]; main() expects one.
    process.argv.splice(1, 0, bundle);
    module.exports.main();
  });
});
