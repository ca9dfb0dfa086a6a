/**
 * The Pulumi project every planton stack belongs to. Part of every URN and of the state path
 * (`.pulumi/stacks/planton/<stack>.json`): never change it.
 */
export const PROJECT_NAME = "planton";
