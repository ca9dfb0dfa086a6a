import { shellWord } from "./shell-word";

/**
 * The command that clears a stack's locks safely (`planton unlock`), as a hint to paste: with
 * the backend it was found in, so it reaches the same state whatever the environment says.
 */
export function unlockCommand(stack: string, backendUrl: string | undefined): string {
  return `planton unlock --stack ${shellWord(stack)}${backendUrl !== undefined ? ` --backend ${shellWord(backendUrl)}` : ""}`;
}

