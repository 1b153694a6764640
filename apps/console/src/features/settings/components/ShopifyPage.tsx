import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  PasswordInput,
  Stack,
  Text,
  TextInput
} from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import {
  type ShopifySettings,
  type ShopifySettingsInput,
  shopifySettingsQuery,
  useSaveShopify
} from "../api/settings.ts"
import { saveSettings } from "../fieldErrors.ts"
import { SettingsFormPage } from "./SettingsPage.tsx"

const FIELDS = [
  "shopDomain",
  "accessToken",
  "apiVersion",
  "webhookSecret",
  "endpoint",
  "tagFormats.customerCode",
  "tagFormats.customerName",
  "tagFormats.priceCode"
] as const
const TAGS = ["customerCode", "customerName", "priceCode"] as const

/** 001's Shopify integration: the store, its write-only token and webhook secret, the customer tag formats. */
export function ShopifyPage() {
  const { t } = useTranslation()
  return (
    <SettingsFormPage
      title={t("settings.shopify.title")}
      intro={t("settings.shopify.intro")}
      query={useQuery(shopifySettingsQuery)}
      form={(settings) => <ShopifyForm settings={settings} />}
    />
  )
}

function ShopifyForm({ settings }: { readonly settings: ShopifySettings }) {
  const { t } = useTranslation()
  const save = useSaveShopify()
  const form = useForm({
    mode: "controlled",
    initialValues: {
      shopDomain: settings.shopDomain ?? "",
      accessToken: "",
      apiVersion: settings.apiVersion,
      webhookSecret: "",
      removeWebhookSecret: false,
      endpoint: settings.endpoint ?? "",
      tagFormats: { ...settings.tagFormats }
    }
  })
  const values = form.getValues()

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (v) => {
        // secrets: an empty field keeps the saved one (the API answers only whether one is set)
        const body: ShopifySettingsInput = {
          shopDomain: v.shopDomain.trim(),
          apiVersion: v.apiVersion.trim(),
          tagFormats: v.tagFormats,
          endpoint: v.endpoint.trim() === "" ? null : v.endpoint.trim(),
          ...(v.accessToken === "" ? {} : { accessToken: v.accessToken }),
          ...(v.removeWebhookSecret
            ? { webhookSecret: null }
            : v.webhookSecret === ""
              ? {}
              : { webhookSecret: v.webhookSecret })
        }
        const saved = await saveSettings(() => save.mutateAsync(body), {
          fields: FIELDS,
          setFieldError: form.setFieldError,
          t
        })
        if (saved) form.setValues({ accessToken: "", webhookSecret: "", removeWebhookSecret: false })
      })}
    >
      <Stack>
        <Group gap="xs">
          <Text fw={500}>{t("settings.shopify.status")}:</Text>
          <Badge color={settings.connected ? "teal.9" : "gray.7"}>
            {settings.connected ? t("settings.shopify.connected") : t("settings.shopify.notConnected")}
          </Badge>
        </Group>
        <TextInput
          label={t("settings.shopify.shopDomain")}
          description={t("settings.shopify.shopDomainHelp")}
          required
          autoComplete="off"
          {...form.getInputProps("shopDomain")}
        />
        <PasswordInput
          label={t("settings.shopify.accessToken")}
          description={
            settings.accessTokenSet
              ? t("settings.shopify.accessTokenSaved")
              : t("settings.shopify.accessTokenNeeded")
          }
          required={!settings.accessTokenSet}
          autoComplete="off"
          visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
          {...form.getInputProps("accessToken")}
          aria-invalid={form.errors.accessToken !== undefined}
        />
        <TextInput label={t("settings.shopify.apiVersion")} {...form.getInputProps("apiVersion")} />
        <PasswordInput
          label={t("settings.shopify.webhookSecret")}
          description={
            settings.webhookSecretSet
              ? t("settings.shopify.webhookSecretSaved")
              : t("settings.shopify.webhookSecretNone")
          }
          autoComplete="off"
          disabled={values.removeWebhookSecret}
          visibilityToggleButtonProps={{ "aria-label": t("password.show"), tabIndex: 0 }}
          {...form.getInputProps("webhookSecret")}
          aria-invalid={form.errors.webhookSecret !== undefined}
        />
        {settings.webhookSecretSet ? (
          <Checkbox
            label={t("settings.shopify.removeWebhookSecret")}
            {...form.getInputProps("removeWebhookSecret", { type: "checkbox" })}
          />
        ) : null}
        <TextInput
          label={t("settings.shopify.endpoint")}
          description={t("settings.shopify.endpointHelp")}
          type="url"
          autoComplete="off"
          {...form.getInputProps("endpoint")}
        />
        <Fieldset legend={t("settings.shopify.tagFormats")}>
          <Stack gap="sm">
            <Text size="sm">{t("settings.shopify.tagFormatsHelp")}</Text>
            {TAGS.map((tag) => (
              <TextInput
                key={tag}
                label={t(`settings.shopify.${tag}`)}
                autoComplete="off"
                {...form.getInputProps(`tagFormats.${tag}`)}
              />
            ))}
          </Stack>
        </Fieldset>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
