#!/usr/bin/env node
import { restartWithHeapFlags } from "./heapFlags.ts"

// Before anything else loads: V8's heap flags take effect only when a process starts (heapFlags.ts).
restartWithHeapFlags()
await import("./start.ts")
