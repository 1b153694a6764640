import { Effect } from "effect"
import { type ShopCustomerAccounts, ShopifyRejected } from "../../ports/ShopifyCustomers.ts"

/** The store's customer accounts sign-in URL (new customer accounts), or `ShopifyRejected` when it has none. */
export const signInUrl = (accounts: ShopCustomerAccounts): Effect.Effect<string, ShopifyRejected> =>
  accounts.url === null
    ? Effect.fail(
        new ShopifyRejected({
          operation: "shop",
          reason: "InvalidRequest",
          messages: ["The store has no customer accounts URL"]
        })
      )
    : Effect.succeed(accounts.url)
