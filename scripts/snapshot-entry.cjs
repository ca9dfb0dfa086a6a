// Runs inside `node --build-snapshot` (see scripts/build-snapshot.mjs). The snapshot builder's
// `require` loads only Node's built-in modules, so the bundle is evaluated here by hand, with a
// `require` that is the bundle's one way to load anything: while the snapshot is built it gives
// built-ins only (and fails loudly for anything else, so the warm-up cannot capture a module
// that belongs to run time), and once the snapshot is deserialized it is the real module loader,
// for everything, built-ins included (the builder's `require` is not meant for run time). The
// bundle holds no `import()` (build-snapshot.mjs has esbuild write them as `require`): a script
// compiled here has no dynamic-import callback, so every lazy load must come through this.
const { readFileSync } = require("node:fs");
const { createRequire, isBuiltin, wrap } = require("node:module");
const { dirname } = require("node:path");
const { runInThisContext } = require("node:vm");
const v8 = require("node:v8");

const bundle = process.env.PLANTON_BUNDLE;
let load = (id) => {
  if (isBuiltin(id)) return require(id);
  throw new Error(`cannot load ${id} while building the startup snapshot`);
};
const bundleRequire = (id) => load(id);

const module = { exports: {} };
runInThisContext(wrap(readFileSync(bundle, "utf8")), { filename: bundle })
  .call(module.exports, module.exports, bundleRequire, module, bundle, dirname(bundle));

module.exports.warmUp().then(() => {
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    load = createRequire(bundle);
    // `node --snapshot-blob BLOB args...` has no script in argv[1]; main() expects one.
    process.argv.splice(1, 0, bundle);
    module.exports.main();
  });
});
