import { copyFile } from "node:fs/promises"
import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node22",
  dts: false,
  sourcemap: true,
  clean: true,
  // The fake Shopify server reads its schema next to the module (`new URL(..., import.meta.url)`): in the
  // bundle that module is dist/index.js, so the schema file goes next to it.
  onSuccess: async () => {
    await copyFile("src/fakes/shopify/admin-2026-07.subset.graphql", "dist/admin-2026-07.subset.graphql")
  }
})
