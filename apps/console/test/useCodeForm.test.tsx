import { GatehouseProblem } from "@gatehouse/client"
import { act, cleanup, renderHook } from "@testing-library/react"
import type { FormEvent } from "react"
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { type CodeForm, useCodeForm } from "../src/features/account/hooks/useCodeForm.ts"
import { initI18n } from "../src/lib/i18n/i18n.ts"
import { notify } from "../src/lib/notify.ts"

vi.mock("../src/lib/notify.ts", () => ({ notify: vi.fn() }))

const problem = (code: string, detail: string) =>
  new GatehouseProblem({ code, status: 422, title: code, detail })

const submitEvent = () => ({ preventDefault: vi.fn() }) as unknown as FormEvent<HTMLFormElement>

const fieldProblems = {
  INVALID_TOTP_CODE: "The code is not correct.",
  INVALID_CURRENT_PASSWORD: "The password is not correct."
} as const

const codeForm = (submit: (value: string) => Promise<unknown>) =>
  renderHook(() => useCodeForm({ submit, fieldProblems }))

const send = async (result: { readonly current: CodeForm }, value: string) => {
  act(() => result.current.setValue(value))
  const event = submitEvent()
  await act(() => result.current.onSubmit(event))
  expect(event.preventDefault).toHaveBeenCalled()
}

describe("useCodeForm: the code field, the call in flight, a rejected code next to the field", () => {
  beforeAll(() => initI18n("en"))
  beforeEach(() => vi.mocked(notify).mockClear())
  afterEach(cleanup)

  it("a rejected code is the field's message, not a notification", async () => {
    const submit = vi.fn().mockRejectedValue(problem("INVALID_TOTP_CODE", "Invalid code"))
    const { result } = codeForm(submit)
    await send(result, "123456")
    expect(submit).toHaveBeenCalledWith("123456")
    expect(result.current.error).toBe("The code is not correct.")
    expect(result.current.submitting).toBe(false)
    expect(notify).not.toHaveBeenCalled()
  })

  it("each problem given is said next to the field with its own words", async () => {
    const { result } = codeForm(() => Promise.reject(problem("INVALID_CURRENT_PASSWORD", "Wrong")))
    await send(result, "hunter2")
    expect(result.current.error).toBe("The password is not correct.")
  })

  it("any other problem is a notification with its detail, and the field has no message", async () => {
    const { result } = codeForm(() => Promise.reject(problem("TOO_MANY_ATTEMPTS", "Wait a minute.")))
    await send(result, "123456")
    expect(result.current.error).toBeUndefined()
    expect(notify).toHaveBeenCalledWith("red", "Wait a minute.")
  })

  it("submitting while the call runs; a later success clears the earlier message", async () => {
    let finish: () => void = () => undefined
    const submit = vi
      .fn()
      .mockRejectedValueOnce(problem("INVALID_TOTP_CODE", "Invalid code"))
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
    const { result } = codeForm(submit)
    await send(result, "111111")
    expect(result.current.error).toBe("The code is not correct.")
    act(() => result.current.setValue("222222"))
    let pending: Promise<void> = Promise.resolve()
    act(() => {
      pending = result.current.onSubmit(submitEvent())
    })
    expect(result.current.submitting).toBe(true)
    expect(result.current.error).toBeUndefined()
    await act(async () => {
      finish()
      await pending
    })
    expect(result.current.submitting).toBe(false)
    expect(submit).toHaveBeenLastCalledWith("222222")
  })

  it("reset empties the field and its message", async () => {
    const { result } = codeForm(() => Promise.reject(problem("INVALID_TOTP_CODE", "Invalid code")))
    await send(result, "123456")
    act(() => result.current.reset())
    expect(result.current.value).toBe("")
    expect(result.current.error).toBeUndefined()
  })
})
