import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const packagesDir = join(import.meta.dirname, "..", "..", "..", "packages")
const adapters = readdirSync(packagesDir).filter((name) => name.startsWith("adapters-"))

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : []
  )

// DESIGN.md "Layout": adapters meet only here, in the composition root; each depends on the domain alone.
describe("adapters never import each other", () => {
  it("finds the adapters", () => expect(adapters.length).toBeGreaterThanOrEqual(6))

  for (const adapter of adapters) {
    it(`${adapter}: no runtime dependency on another adapter, no import of one in src/`, () => {
      const manifest = JSON.parse(readFileSync(join(packagesDir, adapter, "package.json"), "utf8")) as {
        readonly dependencies?: Readonly<Record<string, string>>
        readonly peerDependencies?: Readonly<Record<string, string>>
      }
      const runtime = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      expect(runtime.filter((name) => name.startsWith("@gatehouse/adapters-"))).toEqual([])
      const importers = sourceFiles(join(packagesDir, adapter, "src")).filter((file) =>
        /from\s+["']@gatehouse\/adapters-/u.test(readFileSync(file, "utf8"))
      )
      expect(importers).toEqual([])
    })
  }
})
