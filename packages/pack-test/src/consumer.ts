import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { EMBEDDING_HEADING, QUICKSTART_HEADING, readmeBlock } from "./readme.ts"
import { runOk } from "./run.ts"
import { type Manifest, ROOT, type WorkspacePackage } from "./workspace.ts"

const FIXTURES = join(import.meta.dirname, "../consumer")

export interface Packed {
  readonly name: string
  readonly filename: string
  readonly files: ReadonlyArray<string>
}

export interface Consumer {
  readonly dir: string
  readonly packed: ReadonlyArray<Packed>
  /** The installed copy of a package (its manifest as packed, and its folder). */
  readonly installed: (name: string) => { readonly dir: string; readonly manifest: Manifest }
  readonly remove: () => void
}

const devDependency = (name: string): string => {
  const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>
  }
  return root.devDependencies[name]!
}

/** `npm pack` of the packages into `dir`, as an embedding team would get them. */
const pack = async (
  packages: ReadonlyArray<WorkspacePackage>,
  dir: string
): Promise<ReadonlyArray<Packed>> => {
  const { stdout } = await runOk(
    "npm",
    ["pack", "--json", "--pack-destination", dir, ...packages.flatMap((pkg) => ["-w", pkg.manifest.name])],
    { cwd: ROOT, timeoutMs: 120_000 }
  )
  const report = JSON.parse(stdout) as ReadonlyArray<{
    name: string
    filename: string
    files: { path: string }[]
  }>
  return report.map((entry) => ({
    name: entry.name,
    filename: join(dir, entry.filename),
    files: entry.files.map((file) => file.path)
  }))
}

/**
 * An empty project outside the workspace (the system's temporary folder) that installs every tarball together,
 * with the third-party packages an embedding team's own code imports, from the registry (or npm's cache).
 * The README's two examples are written into it as `quickstart.ts` and `embed.ts`, next to the fixtures.
 */
export const makeConsumer = async (packages: ReadonlyArray<WorkspacePackage>): Promise<Consumer> => {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-consumer-"))
  const tarballs = mkdtempSync(join(tmpdir(), "gatehouse-tarballs-"))
  const remove = () => {
    rmSync(dir, { recursive: true, force: true })
    rmSync(tarballs, { recursive: true, force: true })
  }
  try {
    const packed = await pack(packages, tarballs)
    const http = packages.find((pkg) => pkg.manifest.name === "@gatehouse/adapters-http")
    const peers = (http?.manifest.peerDependencies ?? {}) as Record<string, string>
    const manifest = {
      name: "embedding-team",
      private: true,
      type: "module",
      dependencies: {
        ...Object.fromEntries(packed.map((tarball) => [tarball.name, `file:${tarball.filename}`])),
        effect: peers.effect,
        fastify: peers.fastify,
        "@types/node": devDependency("@types/node")
      }
    }
    writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
    for (const file of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, file), join(dir, file))
    writeFileSync(join(dir, "quickstart.ts"), readmeBlock(QUICKSTART_HEADING))
    writeFileSync(join(dir, "embed.ts"), readmeBlock(EMBEDDING_HEADING))
    await runOk("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=warn"], {
      cwd: dir,
      timeoutMs: 240_000
    })
    const installed = (name: string) => {
      const at = join(dir, "node_modules", ...name.split("/"))
      return { dir: at, manifest: JSON.parse(readFileSync(join(at, "package.json"), "utf8")) as Manifest }
    }
    return { dir, packed, installed, remove }
  } catch (error) {
    remove()
    throw error
  }
}
