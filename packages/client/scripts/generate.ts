import { writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import {
  openApiDocument,
  problemCodes,
  renderDocument,
  renderProblemCodes,
  renderTypes
} from "./openApiTypes.ts"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

const document = await openApiDocument()
// The document itself, for reading (not committed: the types are what the client ships).
writeFileSync(join(root, "src", "generated", "openapi.json"), renderDocument(document))
writeFileSync(join(root, "src", "generated", "schema.ts"), await renderTypes(document))
writeFileSync(join(root, "src", "generated", "problemCodes.ts"), renderProblemCodes(problemCodes()))
process.stdout.write(
  "Wrote src/generated/schema.ts and src/generated/problemCodes.ts (and src/generated/openapi.json)\n"
)
