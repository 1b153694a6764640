import { isProblem } from "@gatehouse/client"
import { Alert, Button, Group, Select, Stack, Text, TextInput } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQueryClient } from "@tanstack/react-query"
import type { TFunction } from "i18next"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { applySessionWords, LOCALES } from "../../../lib/i18n/i18n.ts"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { type Me, meKey } from "../../../lib/session.ts"
import { useUpdateOwnProfile } from "../api/profile.ts"

/** The language option "as the browser" (no language stored). */
const BROWSER = "browser"

/** The console's languages, and the person's own tag when it is another (BCP 47, e.g. set by an import). */
const languageOptions = (current: string | null, t: TFunction) => [
  { value: BROWSER, label: t("account.languageDefault") },
  ...LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) })),
  ...(current === null || (LOCALES as ReadonlyArray<string>).includes(current)
    ? []
    : [{ value: current, label: current }])
]

/**
 * Personal Information: the names, phone and language a person may edit on their own profile (`PATCH
 * /v1/me`, which allows nothing else). Saved with `If-Match`: an edit made meanwhile elsewhere is a conflict
 * that offers a reload, never a silent overwrite. The form starts anew from each version it is keyed on.
 */
export function PersonalInformationSection({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const update = useUpdateOwnProfile()
  const [conflict, setConflict] = useState(false)
  const form = useForm({
    mode: "controlled",
    initialValues: {
      firstName: me.firstName,
      lastName: me.lastName,
      phone: me.phone ?? "",
      language: me.language ?? BROWSER
    },
    validate: {
      firstName: (value) => (value.trim() === "" ? t("account.required") : null),
      lastName: (value) => (value.trim() === "" ? t("account.required") : null)
    }
  })
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        const language = values.language === BROWSER ? null : values.language
        try {
          await update.mutateAsync({
            version: me.version,
            patch: {
              firstName: values.firstName.trim(),
              lastName: values.lastName.trim(),
              phone: values.phone.trim() === "" ? null : values.phone.trim(),
              language
            }
          })
          applySessionWords(me.tenant.preset, language)
          notify("teal", t("account.saved"))
        } catch (error) {
          if (isProblem(error, "VERSION_CONFLICT")) setConflict(true)
          else if (isProblem(error, "VALIDATION") && error.errors.length > 0)
            for (const e of error.errors) form.setFieldError(e.path.replace(/^\//u, ""), e.message)
          else notifyProblem(error, t)
        }
      })}
    >
      <Stack>
        {conflict ? (
          <Alert
            color="orange"
            title={t("account.conflictTitle")}
            role="alert"
            styles={{ title: { color: "var(--mantine-color-dark-9)" } }}
          >
            <Stack gap="xs">
              <Text size="sm">{t("account.conflict")}</Text>
              <div>
                <Button size="xs" onClick={() => void queryClient.invalidateQueries({ queryKey: meKey })}>
                  {t("account.reload")}
                </Button>
              </div>
            </Stack>
          </Alert>
        ) : null}
        <TextInput
          label={t("account.firstName")}
          autoComplete="given-name"
          required
          {...form.getInputProps("firstName")}
        />
        <TextInput
          label={t("account.lastName")}
          autoComplete="family-name"
          required
          {...form.getInputProps("lastName")}
        />
        <TextInput
          label={t("account.phone")}
          type="tel"
          autoComplete="tel"
          {...form.getInputProps("phone")}
        />
        <Select
          label={t("account.language")}
          allowDeselect={false}
          data={languageOptions(me.language, t)}
          {...form.getInputProps("language")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t("account.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
