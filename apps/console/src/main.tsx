import "@mantine/core/styles.css"
import "@mantine/notifications/styles.css"
import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { App } from "./app/App.tsx"
import { initI18n } from "./lib/i18n/i18n.ts"

initI18n(navigator.language)

const root = document.getElementById("root")
if (root === null) throw new Error("index.html has no #root")
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
