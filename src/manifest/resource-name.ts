/** The `metadata.name` rule in words, as every message, help text and comment states it. */
export const NAME_RULE = "1-63 lowercase letters, digits and '-', starting and ending with a letter or digit";

/**
 * True for a well-formed `metadata.name` (NAME_RULE; the proto's rule, for code that must decide
 * before validation).
 */
export function isWellFormedName(name: string): boolean {
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name);
}
