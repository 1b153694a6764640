import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..")

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : []
  })

const importsOf = (text: string): ReadonlyArray<string> =>
  [
    ...text.matchAll(/(?:import|export)[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gu)
  ].map((m) => m[1] ?? m[2] ?? "")

describe("packages/domain depends on effect only", () => {
  it("declares no dependency but effect", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>
      peerDependencies?: Record<string, string>
    }
    expect(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })).toEqual(["effect"])
  })

  it("imports nothing but effect and its own files", () => {
    const offenders = sourceFiles(join(root, "src")).flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter(
          (specifier) =>
            !(specifier.startsWith(".") || specifier === "effect" || specifier.startsWith("effect/"))
        )
        .map((specifier) => `${file}: ${specifier}`)
    )
    expect(offenders).toEqual([])
  })

  it("finds the imports it checks (the scan itself works)", () => {
    expect(importsOf('import { Effect } from "effect"\nexport * from "./x.ts"\nimport pg from "pg"')).toEqual(
      ["effect", "./x.ts", "pg"]
    )
  })
})
