import { execFile } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"

export const ROOT = join(import.meta.dirname, "../../..")

export interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly [field: string]: unknown
}

export interface WorkspacePackage {
  readonly dir: string
  readonly manifest: Manifest
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest

/** Every package of `packages/` that is published (not `private`): what an embedding team can install. */
export const publishedPackages = (): ReadonlyArray<WorkspacePackage> =>
  readdirSync(join(ROOT, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, "packages", entry.name, "package.json")))
    .map((entry) => {
      const dir = join(ROOT, "packages", entry.name)
      return { dir, manifest: readManifest(dir) }
    })
    .filter((pkg) => pkg.manifest.private !== true)

/** The newest modification time of the files under `path` (0 when absent). */
const newest = (path: string): number => {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0)
}

/** What a package's `dist` is built from. */
const buildInputs = ["src", "package.json", "tsconfig.build.json", "tsup.config.ts"]

/** A package whose `dist/index.js` or `dist/index.d.ts` is missing or older than what they are built from. */
export const isStale = (pkg: WorkspacePackage): boolean => {
  const outputs = ["dist/index.js", "dist/index.d.ts"].map((file) => join(pkg.dir, file))
  if (!outputs.every(existsSync)) return true
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  return buildInputs.some((input) => newest(join(pkg.dir, input)) > built)
}

/**
 * `npm test` builds them first (turbo.json: this package's test depends on its dependencies' build). Run
 * alone (`npx vitest` here), the stale ones are built with turbo (which builds their dependencies first).
 */
export const ensureBuilt = async (
  packages: ReadonlyArray<WorkspacePackage>
): Promise<ReadonlyArray<string>> => {
  const stale = packages.filter(isStale).map((pkg) => pkg.manifest.name)
  if (stale.length > 0) {
    await promisify(execFile)(
      join(ROOT, "node_modules/.bin/turbo"),
      ["run", "build", ...stale.map((name) => `--filter=${name}`)],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }
    )
  }
  return stale
}
