import { memory, outboundRuleContract } from "@gatehouse/testkit"

// The in-memory stand-in applies the rule when URLs are saved (it makes no calls: no call contract).
outboundRuleContract("in-memory stand-in", (setup) =>
  memory.OutboundCalls.make({ allow: setup.allow, hosts: setup.hosts, unlistedNames: "unresolved" })
)
