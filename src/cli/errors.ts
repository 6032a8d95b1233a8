/** A one-line reason for the operator; the command exits with status 2. */
export class CliError extends Error {
  override name = 'CliError';
}
