import { Modal, Select, Textarea, TextInput } from "@mantine/core"
import type { GetInputPropsReturnType } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { type UserRow, userQuery } from "../api/users.ts"

const LANGUAGES = [
  { value: "en", label: "English" },
  { value: "de", label: "Deutsch" }
]

/** What 004's Create User and Edit User modals both ask: names, phone, language and the admin notes. */
export type ClientProfileField = "firstName" | "lastName" | "phone" | "language" | "adminNotes"

/** The fields 004's two user modals share, in the document's order, bound to the modal's form. */
export function ClientProfileFields({
  field,
  phoneHint = false
}: {
  readonly field: (name: ClientProfileField) => GetInputPropsReturnType
  /** Create User says how to write the number (with the country code). */
  readonly phoneHint?: boolean
}) {
  const { t } = useTranslation()
  return (
    <>
      <TextInput label={t("admin.fields.firstName")} required {...field("firstName")} />
      <TextInput label={t("admin.fields.lastName")} required {...field("lastName")} />
      <TextInput
        label={t("admin.client.phone")}
        {...(phoneHint ? { description: t("admin.client.phoneHint") } : {})}
        type="tel"
        {...field("phone")}
      />
      <Select
        label={t("admin.client.language")}
        data={LANGUAGES}
        allowDeselect={false}
        {...field("language")}
      />
      <Textarea label={t("admin.client.adminNotes")} {...field("adminNotes")} />
    </>
  )
}

/** A 004 dialog: centered, wide, its close button named. */
export function ClientModal({
  title,
  opened,
  onClose,
  children
}: {
  readonly title: string
  readonly opened: boolean
  readonly onClose: () => void
  readonly children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("admin.close") }}
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      size="lg"
    >
      {children}
    </Modal>
  )
}

/** The full user behind a grid row a 004 dialog is open for (nothing is asked while none is). */
export const useRowDetails = (user: UserRow | null) =>
  useQuery({ ...userQuery(user?.id ?? ""), enabled: user !== null })
