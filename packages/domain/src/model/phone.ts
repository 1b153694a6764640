import { Schema } from "effect"

/** A phone number in E.164: "+", a country code that does not start with 0, at most 15 digits. */
export const PhoneNumber = Schema.String.check(
  Schema.isPattern(/^\+[1-9][0-9]{1,14}$/u, {
    message: "Expected a phone number in E.164 format, e.g. +14155550123"
  })
).pipe(Schema.brand("PhoneNumber"))
export type PhoneNumber = typeof PhoneNumber.Type
