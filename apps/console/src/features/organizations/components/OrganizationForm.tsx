import { GatehouseProblem } from "@gatehouse/client"
import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useTranslation } from "react-i18next"
import { notifyProblem } from "../../../lib/problems.ts"
import type { CreateOrganizationBody, Organization } from "../api/organizations.ts"

const FIELDS = [
  "name",
  "slug",
  "companyName",
  "taxId",
  "status",
  "kind",
  "pimsCustomerCode",
  "pimsCustomerName",
  "priceCode"
] as const

type Values = Record<(typeof FIELDS)[number], string>

const OPTIONAL = ["companyName", "taxId", "pimsCustomerCode", "pimsCustomerName", "priceCode"] as const

const valuesOf = (organization: Organization | undefined): Values => ({
  name: organization?.name ?? "",
  slug: organization?.slug ?? "",
  companyName: organization?.companyName ?? "",
  taxId: organization?.taxId ?? "",
  status: organization?.status ?? "active",
  kind: organization?.kind ?? "business",
  pimsCustomerCode: organization?.pimsCustomerCode ?? "",
  pimsCustomerName: organization?.pimsCustomerName ?? "",
  priceCode: organization?.priceCode ?? ""
})

/**
 * The body a form sends: trimmed texts, an empty optional field as null (cleared), an empty slug left out on
 * creation (the server makes it from the name), and on an edit only what changed.
 */
const bodyOf = (values: Values, initial: Organization | undefined): CreateOrganizationBody => {
  const body: Record<string, unknown> = {
    name: values.name.trim(),
    status: values.status,
    kind: values.kind
  }
  const slug = values.slug.trim()
  if (slug !== "") body.slug = slug
  for (const field of OPTIONAL) {
    const value = values[field].trim()
    body[field] = value === "" ? null : value
  }
  if (initial === undefined) return body as CreateOrganizationBody
  const changed = Object.entries(body).filter(
    ([field, value]) => initial[field as keyof Organization] !== value
  )
  return Object.fromEntries(changed) as CreateOrganizationBody
}

/**
 * An organization's fields (create or edit): name, slug, company name, tax ID, status, kind and the PIMS and
 * price codes. A problem's field errors show next to their field; the rest is a notification.
 */
export function OrganizationForm({
  organization,
  submitLabel,
  pending,
  onSubmit,
  onCancel
}: {
  readonly organization?: Organization
  readonly submitLabel: string
  readonly pending: boolean
  readonly onSubmit: (body: CreateOrganizationBody) => Promise<unknown>
  readonly onCancel: () => void
}) {
  const { t } = useTranslation()
  const form = useForm<Values>({
    initialValues: valuesOf(organization),
    validate: { name: (value) => (value.trim() === "" ? t("portal.required") : null) }
  })
  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit(bodyOf(values, organization))
    } catch (error) {
      const placed =
        error instanceof GatehouseProblem ? error.errors.filter((e) => FIELDS.some((f) => f === e.path)) : []
      for (const e of placed) form.setFieldError(e.path, e.message)
      if (placed.length === 0) notifyProblem(error, t)
    }
  })
  const text = (
    field: (typeof FIELDS)[number],
    options: { readonly required?: boolean; readonly description?: string } = {}
  ) => (
    <TextInput
      label={t(`organizations.${field}`)}
      withAsterisk={options.required ?? false}
      description={options.description}
      {...form.getInputProps(field)}
    />
  )
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text("name", { required: true })}
          {text("slug", { description: t("organizations.slugHint") })}
          {text("companyName")}
          {text("taxId")}
          <NativeSelect
            label={t("organizations.status")}
            data={(["active", "inactive"] as const).map((value) => ({
              value,
              label: t(`organizations.statuses.${value}`)
            }))}
            {...form.getInputProps("status")}
          />
          <NativeSelect
            label={t("organizations.kind")}
            data={(["business", "individual"] as const).map((value) => ({
              value,
              label: t(`organizations.kinds.${value}`)
            }))}
            {...form.getInputProps("kind")}
          />
          {text("pimsCustomerCode")}
          {text("pimsCustomerName")}
          {text("priceCode")}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("organizations.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
