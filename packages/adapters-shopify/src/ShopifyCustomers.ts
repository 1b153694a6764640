import {
  OutboundCalls,
  type ShopifyConnection,
  type ShopifyCustomer,
  ShopifyCustomers,
  ShopifyRejected
} from "@gatehouse/domain"
import { Effect, Layer, Option, Redacted } from "effect"
import { type ClientOptions, defaultClientOptions, requestOnce, Transient } from "./client.ts"
import * as Documents from "./documents.ts"
import {
  ActivationUrlData,
  CreateData,
  CustomerByEmailData,
  CustomerByIdData,
  decodeCustomer,
  decodeData,
  InviteData,
  ShopData,
  TagsAddData,
  TagsRemoveData,
  toAccounts,
  toCustomer
} from "./responses.ts"
import { always, onlyUnapplied, withRetry } from "./retry.ts"

type UserErrors = ReadonlyArray<{ readonly field: ReadonlyArray<string> | null; readonly message: string }>

const userError = (operation: string, errors: UserErrors) =>
  new ShopifyRejected({ operation, reason: "UserError", messages: errors.map((e) => e.message) })

const emailTaken = (errors: UserErrors) =>
  errors.some((e) => (e.field ?? []).includes("email") && /taken/iu.test(e.message))

/**
 * The ShopifyCustomers port on Shopify's Admin GraphQL API, one request per attempt through the `OutboundCalls`
 * port (the outbound rule applies to the store's URL and to a tenant's `endpoint` alike).
 */
export const make = (
  outbound: OutboundCalls["Service"],
  given: Partial<ClientOptions> = {}
): ShopifyCustomers["Service"] => {
  const options: ClientOptions = { ...defaultClientOptions, ...given }
  const once = (
    connection: ShopifyConnection,
    operation: string,
    document: string,
    variables: Readonly<Record<string, unknown>> = {}
  ) => requestOnce(outbound, options, connection, operation, document, variables)
  const read = <A, E>(attempt: Effect.Effect<A, E | Transient>) =>
    withRetry(options, attempt, { when: always, write: false })

  const findByEmail = (connection: ShopifyConnection, email: string) =>
    once(connection, "CustomerByEmail", Documents.CUSTOMER_BY_EMAIL, { email }).pipe(
      Effect.flatMap(decodeData(CustomerByEmailData, "CustomerByEmail")),
      Effect.map((data) => Option.map(Option.fromNullishOr(data.customerByIdentifier), toCustomer))
    )

  const findById = (connection: ShopifyConnection, id: string) =>
    once(connection, "CustomerById", Documents.CUSTOMER_BY_ID, { id }).pipe(
      Effect.flatMap(decodeData(CustomerByIdData, "CustomerById")),
      Effect.map((data) => Option.map(Option.fromNullishOr(data.customer), toCustomer))
    )

  // A lost answer to customerCreate: look the email up before trying again, so one email never makes two.
  const createOnce = (
    connection: ShopifyConnection,
    input: Parameters<ShopifyCustomers["Service"]["create"]>[1]
  ) =>
    once(connection, "CustomerCreate", Documents.CUSTOMER_CREATE, {
      input: { email: input.email, firstName: input.firstName, lastName: input.lastName, tags: input.tags }
    }).pipe(
      Effect.flatMap(decodeData(CreateData, "CustomerCreate")),
      Effect.flatMap(({ customerCreate: payload }) => {
        if (payload.customer !== null && payload.userErrors.length === 0) {
          return Effect.succeed({ customer: toCustomer(payload.customer), created: true })
        }
        if (!emailTaken(payload.userErrors))
          return Effect.fail(userError("CustomerCreate", payload.userErrors))
        return Effect.flatMap(findByEmail(connection, input.email), (existing) =>
          Option.isSome(existing)
            ? Effect.succeed({ customer: existing.value, created: false })
            : Effect.fail(
                new Transient({
                  operation: "CustomerCreate",
                  reason: "The email is taken but the customer is not found yet",
                  applied: "no",
                  waitMs: undefined
                })
              )
        )
      }),
      Effect.catchIf(
        (error): error is Transient => error instanceof Transient && error.applied === "unknown",
        (lost) =>
          Effect.flatMap(findByEmail(connection, input.email), (existing) =>
            Option.isSome(existing)
              ? Effect.succeed({ customer: existing.value, created: false })
              : Effect.fail(new Transient({ ...lost, applied: "no" }))
          )
      )
    )

  const changeTags = (
    operation: "TagsAdd" | "TagsRemove",
    connection: ShopifyConnection,
    id: string,
    tags: ReadonlyArray<string>
  ) =>
    once(connection, operation, operation === "TagsAdd" ? Documents.TAGS_ADD : Documents.TAGS_REMOVE, {
      id,
      tags
    }).pipe(
      Effect.flatMap((data) =>
        operation === "TagsAdd"
          ? Effect.map(decodeData(TagsAddData, operation)(data), (d) => d.tagsAdd)
          : Effect.map(decodeData(TagsRemoveData, operation)(data), (d) => d.tagsRemove)
      ),
      Effect.flatMap((payload) =>
        payload.userErrors.length > 0 || payload.node === null
          ? Effect.fail(
              userError(
                operation,
                payload.userErrors.length > 0
                  ? payload.userErrors
                  : [{ field: ["id"], message: "Customer does not exist" }]
              )
            )
          : decodeCustomer(payload.node).pipe(
              Effect.map(toCustomer),
              Effect.mapError(() => userError(operation, [{ field: ["id"], message: "Not a customer" }]))
            )
      )
    )

  // The invite email must not go out twice: after a lost answer, the customer's state tells whether it went.
  const sendInviteOnce = (connection: ShopifyConnection, customer: ShopifyCustomer) =>
    once(connection, "CustomerSendAccountInviteEmail", Documents.SEND_INVITE, {
      customerId: customer.id
    }).pipe(
      Effect.flatMap(decodeData(InviteData, "CustomerSendAccountInviteEmail")),
      Effect.flatMap(({ customerSendAccountInviteEmail: payload }) =>
        payload.customer === null || payload.userErrors.length > 0
          ? Effect.fail(userError("CustomerSendAccountInviteEmail", payload.userErrors))
          : Effect.succeed(toCustomer(payload.customer))
      ),
      Effect.catchIf(
        (error): error is Transient => error instanceof Transient && error.applied === "unknown",
        (lost) =>
          customer.state === "INVITED"
            ? Effect.fail(lost)
            : Effect.flatMap(findById(connection, customer.id), (now) =>
                Option.isSome(now) && now.value.state === "INVITED"
                  ? Effect.succeed(now.value)
                  : Effect.fail(new Transient({ ...lost, applied: "no" }))
              )
      )
    )

  const activationUrlOnce = (connection: ShopifyConnection, customerId: string) =>
    once(connection, "CustomerGenerateAccountActivationUrl", Documents.ACTIVATION_URL, { customerId }).pipe(
      Effect.flatMap(decodeData(ActivationUrlData, "CustomerGenerateAccountActivationUrl")),
      Effect.flatMap(({ customerGenerateAccountActivationUrl: payload }) =>
        payload.accountActivationUrl === null || payload.userErrors.length > 0
          ? Effect.fail(userError("CustomerGenerateAccountActivationUrl", payload.userErrors))
          : Effect.succeed(Redacted.make(payload.accountActivationUrl))
      )
    )

  return ShopifyCustomers.of({
    findByEmail: (connection, email) => read(findByEmail(connection, email)),
    findById: (connection, id) => read(findById(connection, id)),
    customerAccounts: (connection) =>
      read(
        once(connection, "ShopCustomerAccounts", Documents.SHOP_CUSTOMER_ACCOUNTS).pipe(
          Effect.flatMap(decodeData(ShopData, "ShopCustomerAccounts")),
          Effect.map(toAccounts)
        )
      ),
    create: (connection, customer) =>
      withRetry(options, createOnce(connection, customer), { when: always, write: true }),
    addTags: (connection, id, tags) =>
      withRetry(options, changeTags("TagsAdd", connection, id, tags), { when: always, write: true }),
    removeTags: (connection, id, tags) =>
      withRetry(options, changeTags("TagsRemove", connection, id, tags), { when: always, write: true }),
    sendInvite: (connection, customer) =>
      withRetry(options, sendInviteOnce(connection, customer), { when: onlyUnapplied, write: true }),
    activationUrl: (connection, customerId) =>
      withRetry(options, activationUrlOnce(connection, customerId), { when: always, write: true })
  })
}

/**
 * The `ShopifyCustomers` port; each call carries its tenant's connection, so the layer needs no store, only the
 * `OutboundCalls` port its requests go through.
 */
export const layerCustomers = (
  options: Partial<ClientOptions> = {}
): Layer.Layer<ShopifyCustomers, never, OutboundCalls> =>
  Layer.effect(
    ShopifyCustomers,
    Effect.map(OutboundCalls, (outbound) => make(outbound, options))
  )
