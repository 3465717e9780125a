/**
 * A problem found in an imported package. `file` is the path inside the package as the user
 * sees it (`problems/hello/problem.yaml`); the message reads `file: problem`. The importer turns
 * it into AppError('bad_request') and imports nothing.
 */
export class PackageError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'PackageError';
  }
}
