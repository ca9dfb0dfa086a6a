/**
 * The candidate closest to `input` when it is close enough to be a likely typo, else undefined.
 * Case is ignored, so `symmetric_default` suggests `SYMMETRIC_DEFAULT`.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const wanted = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the word may be wrong (at least 2 edits for short names): a typo, not another word.
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean "x"?)` when a candidate is close, else "". */
export function didYouMeanHint(input: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(input, candidates);
  return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
