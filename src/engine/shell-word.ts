/** `value` as one POSIX shell word, so a hint's command runs when pasted (s3:// URLs carry `&`, paths spaces). */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./~-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
