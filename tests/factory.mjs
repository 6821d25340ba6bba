// The test factory's files for the end-to-end tests: the factory built from this tree (with any
// other packages a test needs) and its files written into a temporary folder of their own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Builds `packages` and the factory, writes the factory's files; gives their folder, `file(name)`
 * as the page's tests take files, and `remove()` for when the tests end. */
export function writeFactory(packages = []) {
  const built = [...packages, 'pec-factory'].flatMap((p) => ['-p', p]);
  execFileSync('cargo', ['build', '--quiet', ...built], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'pec-factory-'));
  execFileSync(join(root, 'target/debug/pec-factory'), [dir], { stdio: 'ignore' });
  return {
    dir,
    file: (name) => ({ name, bytes: readFileSync(join(dir, name)) }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
