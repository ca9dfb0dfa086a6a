import { error, hasErrors, warning, type Problem } from "../core/problem";

/** How many problems one input reports; enough to fix a manifest, few enough to read. */
export const maxProblemsPerInput = 100;

/**
 * The first `max` problems of one input, then one line saying how many more there are (an error
 * when any of those is one, so an input never turns valid by being cut), so that a hostile file
 * cannot print megabytes or build a JSON document too big to use.
 */
export function capProblems(problems: readonly Problem[], file: string, max = maxProblemsPerInput): Problem[] {
  if (problems.length <= max) return [...problems];
  const rest = problems.slice(max);
  const more = `and ${rest.length} more problems not shown; fix the ones above and run again`;
  return [...problems.slice(0, max), hasErrors(rest) ? error("", more, { file }) : warning("", more, { file })];
}
