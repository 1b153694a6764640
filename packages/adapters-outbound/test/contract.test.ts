import { allowListOf, make } from "@gatehouse/adapters-outbound"
import { outboundCallsContract } from "@gatehouse/testkit"
import { tableResolver } from "./support.ts"

// The port's guarantees on undici, with the contract's names resolved from its table.
outboundCallsContract("undici", (setup) =>
  make({ allow: allowListOf(setup.allow.join(",")), resolve: tableResolver(setup.hosts) })
)
