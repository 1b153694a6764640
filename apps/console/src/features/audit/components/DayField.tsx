import { TextInput } from "@mantine/core"
import { type ReactNode, useEffect, useRef, useState } from "react"

// A whole day with a four-digit year: the values a field passes through while a year is typed ("0002", "0020",
// "0202" on the way to "2026") stay in the field and are not a filter.
const TYPED_DAY = /^[1-9]\d{3}-\d{2}-\d{2}$/u

/**
 * A calendar day filter (`type="date"`) whose value lives in the URL. The field keeps what is typed itself: fed
 * only from the URL, which changes after the navigation, React put the old value back after each key and a day
 * could not be typed with the keyboard (the picker and `fill`, setting it whole, worked). A day half typed (the
 * field's value is "" then) is not a cleared filter, and the URL changing elsewhere (Clear filters, back) shows
 * in the field unless the person is typing in it.
 */
export function DayField({
  label,
  value,
  onChange,
  error
}: {
  readonly label: string
  /** The day in the URL (`YYYY-MM-DD`), or "" for none. */
  readonly value: string
  readonly onChange: (day: string) => void
  readonly error?: ReactNode
}) {
  const field = useRef<HTMLInputElement>(null)
  const [typed, setTyped] = useState(value)
  useEffect(() => {
    if (document.activeElement !== field.current) setTyped(value)
  }, [value])
  return (
    <TextInput
      ref={field}
      label={label}
      type="date"
      value={typed}
      error={error}
      onChange={(event) => {
        const day = event.currentTarget.value
        setTyped(day)
        const halfTyped = day === "" && event.currentTarget.validity.badInput
        if ((day === "" && !halfTyped) || TYPED_DAY.test(day)) onChange(day)
      }}
    />
  )
}
