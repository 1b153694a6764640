import { sha256Contract } from "@gatehouse/testkit"
import { nodeSha256 } from "../src/sha256/Sha256.ts"

sha256Contract("node:crypto", nodeSha256)
