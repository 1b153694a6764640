import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text
} from "@mantine/core"
import { useForm } from "@mantine/form"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { type PasswordPolicyAnswer, passwordPolicyQuery } from "../../../lib/passwordPolicy.ts"
import { useSavePasswordPolicy } from "../api/settings.ts"
import { saveSettings } from "../fieldErrors.ts"
import { formValuesOf, type PolicyFormValues, type PolicyPreset, policyOf, requestOf } from "../policyForm.ts"
import { PolicyPreview } from "./PolicyPreview.tsx"
import { SettingsFormPage } from "./SettingsPage.tsx"

const NUMBERS = ["minLength", "minLengthWithMfa", "maxLength", "generatedLength"] as const
const RULES = ["requireLowercase", "requireUppercase", "requireDigit", "requireSymbol"] as const

/** The tenant's password policy: a preset or rule values, with the check-marks of what is being edited. */
export function PasswordPolicyPage() {
  const { t } = useTranslation()
  return (
    <SettingsFormPage
      title={t("settings.passwordPolicy.title")}
      intro={t("settings.passwordPolicy.intro")}
      query={useQuery(passwordPolicyQuery)}
      form={(policy) => <PolicyForm policy={policy} />}
    />
  )
}

function PolicyForm({ policy }: { readonly policy: PasswordPolicyAnswer }) {
  const { t } = useTranslation()
  const save = useSavePasswordPolicy()
  const form = useForm<PolicyFormValues>({ mode: "controlled", initialValues: formValuesOf(policy) })
  const values = form.getValues()
  const custom = values.preset === "custom"
  const shown = custom ? values : formValuesOf(policyOf(values))

  const choosePreset = (preset: string) => {
    const next = preset as PolicyPreset
    // custom rules start from what the chosen preset showed
    if (next === "custom") form.setValues({ ...formValuesOf(policyOf(values)), preset: "custom" })
    else form.setFieldValue("preset", next)
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((submitted) =>
        saveSettings(() => save.mutateAsync(requestOf(submitted)), {
          fields: [...NUMBERS, ...RULES],
          setFieldError: form.setFieldError,
          t
        })
      )}
    >
      <Stack>
        <Stack gap={4}>
          <Text component="label" id="policy-preset-label" fw={500} size="sm">
            {t("settings.passwordPolicy.preset")}
          </Text>
          <SegmentedControl
            aria-labelledby="policy-preset-label"
            value={values.preset}
            onChange={choosePreset}
            data={(["product", "nist", "custom"] as const).map((preset) => ({
              value: preset,
              label: t(`settings.passwordPolicy.presets.${preset}`)
            }))}
          />
          <Text size="sm" c="dark.4">
            {t(`settings.passwordPolicy.presetHelp.${values.preset}`)}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {NUMBERS.map((field) => (
            <NumberInput
              key={field}
              label={t(`settings.passwordPolicy.${field}`)}
              description={
                field === "minLengthWithMfa" ? t("settings.passwordPolicy.minLengthWithMfaHelp") : undefined
              }
              allowDecimal={false}
              allowNegative={false}
              readOnly={!custom}
              variant={custom ? "default" : "filled"}
              {...form.getInputProps(field)}
              value={shown[field]}
            />
          ))}
        </SimpleGrid>
        <Stack gap="xs">
          {RULES.map((field) => (
            <Checkbox
              key={field}
              label={t(`settings.passwordPolicy.${field}`)}
              disabled={!custom}
              {...form.getInputProps(field, { type: "checkbox" })}
              checked={shown[field]}
            />
          ))}
        </Stack>
        <Text size="sm" c="dark.4">
          {t("settings.passwordPolicy.always")}
        </Text>
        <PolicyPreview policy={policyOf(values)} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
