import { isProblem, type KnownProblemCode } from "@gatehouse/client"
import { type FormEvent, useState } from "react"
import { useTranslation } from "react-i18next"
import { notifyProblem } from "../../../lib/problems.ts"

interface Options {
  /** Sends the field's value (trimmed or not, as the call needs). */
  readonly submit: (value: string) => Promise<unknown>
  /** The problems shown next to the field, by code (INVALID_TOTP_CODE at least); the rest are notifications. */
  readonly fieldProblems: Readonly<Partial<Record<KnownProblemCode, string>>>
}

export interface CodeForm {
  readonly value: string
  readonly setValue: (value: string) => void
  /** The message next to the field after a rejected code (or password). */
  readonly error: string | undefined
  readonly submitting: boolean
  /** Empties the field and its message (switching what the field asks for). */
  readonly reset: () => void
  readonly onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>
}

/**
 * The state of a form that asks for a code from the authenticator app (enrolment, turning it off, new recovery
 * codes): the field, the call in flight, and a rejected code said next to the field rather than as a notification.
 */
export const useCodeForm = ({ submit, fieldProblems }: Options): CodeForm => {
  const { t } = useTranslation()
  const [value, setValue] = useState("")
  const [error, setError] = useState<string | undefined>(undefined)
  const [submitting, setSubmitting] = useState(false)
  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    setError(undefined)
    setSubmitting(true)
    try {
      await submit(value)
    } catch (failure) {
      const message = isProblem(failure) ? fieldProblems[failure.code as KnownProblemCode] : undefined
      if (message === undefined) notifyProblem(failure, t)
      else setError(message)
    } finally {
      setSubmitting(false)
    }
  }
  const reset = (): void => {
    setValue("")
    setError(undefined)
  }
  return { value, setValue, error, submitting, reset, onSubmit }
}
