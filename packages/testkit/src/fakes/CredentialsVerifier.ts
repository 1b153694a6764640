import {
  type CredentialsCheck,
  type CredentialsVerdict,
  ExternalCredentialsVerifier
} from "@gatehouse/domain"
import { Context, Effect, Layer, Redacted, Ref } from "effect"

/** How the fake answers: one verdict for every check, or a function of the check. */
export type VerifierAnswer = CredentialsVerdict | ((check: CredentialsCheck) => CredentialsVerdict)

/** A check the fake received (the password stays Redacted). */
export interface ReceivedCheck {
  readonly system: string
  readonly url: string
  readonly username: string
  readonly password: Redacted.Redacted<string>
}

/** Controls the fake `ExternalCredentialsVerifier` from a test: program its answer, read what it was asked. */
export class FakeCredentialsVerifier extends Context.Service<
  FakeCredentialsVerifier,
  {
    readonly answer: (answer: VerifierAnswer) => Effect.Effect<void>
    readonly received: Effect.Effect<ReadonlyArray<ReceivedCheck>>
  }
>()("@gatehouse/testkit/FakeCredentialsVerifier") {}

const make = (initial: VerifierAnswer) =>
  Effect.gen(function* () {
    const answer = yield* Ref.make<VerifierAnswer>(initial)
    const received = yield* Ref.make<ReadonlyArray<ReceivedCheck>>([])
    const verify = (check: CredentialsCheck) =>
      Effect.gen(function* () {
        yield* Ref.update(received, (all) => [...all, check])
        const current = yield* Ref.get(answer)
        return typeof current === "function" ? current(check) : current
      })
    return Context.make(ExternalCredentialsVerifier, ExternalCredentialsVerifier.of({ verify })).pipe(
      Context.add(
        FakeCredentialsVerifier,
        FakeCredentialsVerifier.of({ answer: (a) => Ref.set(answer, a), received: Ref.get(received) })
      )
    )
  })

/**
 * A fake verifier with programmable answers (`initial` until told otherwise, "valid" unless given), with its
 * control service. Provide it inside `layerMemory` to steer it from a test.
 */
export const layer = (
  initial: VerifierAnswer = "valid"
): Layer.Layer<ExternalCredentialsVerifier | FakeCredentialsVerifier> => Layer.effectContext(make(initial))

/** The port alone, answering `answer` (what `layerMemory` includes: "valid" for every check). */
export const layerAnswering = (answer: VerifierAnswer = "valid"): Layer.Layer<ExternalCredentialsVerifier> =>
  Layer.effect(
    ExternalCredentialsVerifier,
    Effect.map(make(answer), (context) => Context.get(context, ExternalCredentialsVerifier))
  )

/** An answer that accepts exactly one username and password, and refuses everything else. */
export const accepting =
  (username: string, password: string): VerifierAnswer =>
  (check) =>
    check.username === username && Redacted.value(check.password) === password ? "valid" : "invalid"
