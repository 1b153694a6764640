import { chmodSync, lstatSync, readdirSync } from "node:fs"
import { join } from "node:path"

/**
 * Makes a PGlite data folder its owner's alone: folders 0700, files 0600. PGlite unpacks its initial database
 * with files 0666 whatever the umask, and the WAL and heap files hold argon2 hashes and sealed credentials;
 * PostgreSQL itself creates later files 0600. Symbolic links are left alone (never followed).
 */
export const restrictToOwner = (dir: string): void => {
  const entries = readdirSync(dir, { withFileTypes: true })
  chmodSync(dir, 0o700)
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) restrictToOwner(path)
    else if (entry.isFile() && (lstatSync(path).mode & 0o777) !== 0o600) chmodSync(path, 0o600)
  }
}
