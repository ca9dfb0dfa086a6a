import { dirname, join } from "node:path";

/** The part of protovalidate's internal CelManager this file relies on. */
interface CelManagerClass {
  prototype: { compileRule(this: unknown, rule: unknown): CompiledRule; plantonLazy?: true };
}

interface CompiledRule {
  readonly kind: string;
  readonly interpretable?: unknown;
  readonly rule?: unknown;
  readonly error?: unknown;
}

/**
 * Makes protovalidate compile each CEL rule when it is first evaluated instead of when the
 * message type is planned.
 *
 * Why: protovalidate 1.3's planner compiles every standard CEL rule of a rules type
 * (all of StringRules, RepeatedRules, ...) as soon as a field uses any rule of that type, even
 * when its native checks handle them. For AwsKmsKey that is 86 CEL parses, of which 4 ever run:
 * about 200 ms of a `planton validate` that should take a fraction of a second. Deferring keeps
 * the results identical (a rule that fails to compile still throws when evaluated; all of
 * planton's rules compile, which the validate tests exercise).
 *
 * The hook reaches into the package's CommonJS build; if a newer version moves it, this does
 * nothing and validation is only slower.
 */
export function deferCelCompilation(): void {
  let manager: CelManagerClass | undefined;
  try {
    const entry = require.resolve("@bufbuild/protovalidate");
    manager = (require(join(dirname(entry), "cel.js")) as { CelManager?: CelManagerClass }).CelManager;
  } catch {
    return;
  }
  const prototype = manager?.prototype;
  if (typeof prototype?.compileRule !== "function" || prototype.plantonLazy) return;
  const compileNow = prototype.compileRule;
  prototype.compileRule = function compileWhenUsed(this: unknown, rule: unknown): CompiledRule {
    let compiled: CompiledRule | undefined;
    const force = (): CompiledRule => (compiled ??= compileNow.call(this, rule));
    return {
      get kind() {
        return force().kind;
      },
      get interpretable() {
        return force().interpretable;
      },
      get rule() {
        return force().rule;
      },
      get error() {
        return force().error;
      },
    };
  };
  prototype.plantonLazy = true;
}
