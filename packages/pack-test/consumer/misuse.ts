// Misuses the domain's types: each line marked `error TSnnnn` must fail to type-check with that code, and
// no other line may. If the packages shipped no declarations, everything here would be `any` and pass.
import { createGatehouseClient } from "@gatehouse/client"
import { type Actor, createUser, getUser, type UserId } from "@gatehouse/domain"
import { Effect } from "effect"

declare const actor: Actor
declare const id: UserId

// A plain string is not a UserId: ids are branded.
export const byString = getUser(actor, "8a6e0f2c-7f0e-4a59-9d8e-0d5c1f3b2a10") // error TS2345

// Input that was not decoded by the domain's Schema: the email is not an Email, the role not a RoleName.
export const undecoded = createUser(actor, {
  email: "alice@example.com", // error TS2322
  firstName: "Alice",
  lastName: "Smith",
  role: "Regular", // error TS2322
  credential: { _tag: "Generate" }
})

// Catching a failure the use case cannot have.
export const wrongTag = getUser(actor, id).pipe(Effect.catchTag("EmailTaken", () => Effect.succeed(null))) // error TS2345

// Running a use case without providing its ports.
export const unprovided = Effect.runPromise(getUser(actor, id)) // error TS2345

// The API client knows the routes and their bodies.
const client = createGatehouseClient({ baseUrl: "http://127.0.0.1:3000" })
export const noSuchRoute = client.GET("/v1/no-such-route") // error TS2554
export const wrongBody = client.POST("/v1/auth/login", { body: { tenant: "demo", email: "a@b.c" } }) // error TS2322
