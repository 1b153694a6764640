import react from "@vitejs/plugin-react"
import { defineConfig } from "vite"

// The console is served by the Gatehouse server on the API's origin; `npm run dev` proxies the API to a
// server started separately (GATEHOUSE_DEV_API, default http://127.0.0.1:3000).
const api = process.env.GATEHOUSE_DEV_API ?? "http://127.0.0.1:3000"

export default defineConfig({
  plugins: [react()],
  // The workspace packages' TypeScript sources (no build of @gatehouse/client or @gatehouse/domain needed).
  resolve: { conditions: ["@gatehouse/source"] },
  build: {
    outDir: "dist",
    // Vite's module-preload polyfill is an inline-free module script: fine under `script-src 'self'`.
    sourcemap: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600
  },
  server: { proxy: { "/v1": api, "/openapi.json": api, "/docs": api } }
})
