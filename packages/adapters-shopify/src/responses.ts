import type { ShopCustomerAccounts, ShopifyCustomer } from "@gatehouse/domain"
import { Effect, Schema } from "effect"
import { Transient } from "./client.ts"

const Customer = Schema.Struct({
  id: Schema.String,
  state: Schema.Literals(["DISABLED", "INVITED", "ENABLED", "DECLINED"]),
  tags: Schema.Array(Schema.String),
  defaultEmailAddress: Schema.NullOr(Schema.Struct({ emailAddress: Schema.String }))
})

const UserErrors = Schema.Array(
  Schema.Struct({ field: Schema.NullOr(Schema.Array(Schema.String)), message: Schema.String })
)

export const CustomerByEmailData = Schema.Struct({ customerByIdentifier: Schema.NullOr(Customer) })
export const CustomerByIdData = Schema.Struct({ customer: Schema.NullOr(Customer) })
export const ShopData = Schema.Struct({
  shop: Schema.Struct({
    customerAccountsV2: Schema.Struct({
      customerAccountsVersion: Schema.Literals(["CLASSIC", "NEW_CUSTOMER_ACCOUNTS"]),
      url: Schema.NullOr(Schema.String)
    })
  })
})
export const CreateData = Schema.Struct({
  customerCreate: Schema.Struct({ customer: Schema.NullOr(Customer), userErrors: UserErrors })
})
// `node` is a Node: an id of something other than a customer would come back without the customer's fields.
const TagsPayload = Schema.Struct({ node: Schema.NullOr(Schema.Unknown), userErrors: UserErrors })
export const TagsAddData = Schema.Struct({ tagsAdd: TagsPayload })
export const TagsRemoveData = Schema.Struct({ tagsRemove: TagsPayload })
export const InviteData = Schema.Struct({
  customerSendAccountInviteEmail: Schema.Struct({ customer: Schema.NullOr(Customer), userErrors: UserErrors })
})
export const ActivationUrlData = Schema.Struct({
  customerGenerateAccountActivationUrl: Schema.Struct({
    accountActivationUrl: Schema.NullOr(Schema.String),
    userErrors: UserErrors
  })
})
export const decodeCustomer = Schema.decodeUnknownEffect(Customer)

/** Decodes `data`; an answer of another shape is a `Transient` "unexpected" (never retried). */
export const decodeData =
  <S extends Schema.Decoder<unknown>>(schema: S, operation: string) =>
  (data: unknown): Effect.Effect<S["Type"], Transient, S["DecodingServices"]> =>
    Schema.decodeUnknownEffect(schema)(data).pipe(
      Effect.mapError(
        () => new Transient({ operation, reason: "unexpected", applied: "unknown", waitMs: undefined })
      )
    )

export const toCustomer = (customer: typeof Customer.Type): ShopifyCustomer => ({
  id: customer.id,
  email: customer.defaultEmailAddress?.emailAddress ?? null,
  state: customer.state,
  tags: customer.tags
})

export const toAccounts = (data: typeof ShopData.Type): ShopCustomerAccounts => ({
  version: data.shop.customerAccountsV2.customerAccountsVersion,
  url: data.shop.customerAccountsV2.url
})
