import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { openApiDocument, problemCodes, renderProblemCodes, renderTypes } from "../scripts/openApiTypes.ts"

const generated = join(import.meta.dirname, "..", "src", "generated")
const committed = (name: string): string => readFileSync(join(generated, name), "utf8")
const REGENERATE = "out of date: run `npm run generate -w @gatehouse/client` and commit the result"

describe("the generated client types", () => {
  it("are what the current routes produce (schema.ts)", async () => {
    const fresh = await renderTypes(await openApiDocument())
    expect(fresh.length).toBeGreaterThan(10_000)
    expect(fresh === committed("schema.ts"), `src/generated/schema.ts is ${REGENERATE}`).toBe(true)
  })

  it("list every problem code of the HTTP adapter's tables (problemCodes.ts)", () => {
    const codes = problemCodes()
    expect(codes).toContain("MFA_REQUIRED")
    expect(
      renderProblemCodes(codes) === committed("problemCodes.ts"),
      `src/generated/problemCodes.ts is ${REGENERATE}`
    ).toBe(true)
  })

  it("would notice a changed route: a document with one path less renders differently", async () => {
    const document = await openApiDocument()
    const paths = { ...(document.paths as Record<string, unknown>) }
    delete paths["/v1/me"]
    const changed = await renderTypes({ ...document, paths })
    expect(changed).not.toEqual(committed("schema.ts"))
    expect(changed).not.toContain('"/v1/me": {')
  })
})
