import { defineConfig } from "tsup"

/**
 * `dist/main.js` (the `gatehouse` bin) and `dist/index.js`. The workspace packages are bundled from their
 * sources (the `@gatehouse/source` condition), so the server runs whatever state their `dist` folders are in;
 * npm packages stay external and load from node_modules (PGlite's WASM, argon2's native binding).
 */
export default defineConfig({
  entry: ["src/main.ts", "src/index.ts"],
  format: ["esm"],
  target: "node22",
  platform: "node",
  dts: false,
  sourcemap: true,
  clean: true,
  noExternal: [/^@gatehouse\//],
  esbuildOptions(options) {
    options.conditions = ["@gatehouse/source", "import", "node", "default"]
  },
  esbuildPlugins: [
    {
      // Everything that is not ours, resolved from node_modules, stays an import.
      name: "external-npm-packages",
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@gatehouse/") ? undefined : { path: args.path, external: true }
        )
      }
    }
  ]
})
