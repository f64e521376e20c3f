/**
 * The one exception to "parameters only": identifiers (e.g. a test database name) cannot be bound as
 * $1 parameters. Only simple lowercase identifiers are accepted, then quoted, so nothing else can
 * reach SQL text this way.
 */
export function escapeIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Refusing unsafe SQL identifier: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}
