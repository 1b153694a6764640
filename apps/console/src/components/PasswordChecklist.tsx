import { List, Text, ThemeIcon, VisuallyHidden } from "@mantine/core"
import { IconCheck, IconX } from "@tabler/icons-react"
import { useTranslation } from "react-i18next"
import type { RuleCheck } from "../lib/passwordRules.ts"

/**
 * The live check-marks under a new password: one line per rule of the tenant's policy, green when met. The
 * verdicts come from the domain's rule evaluation (`passwordChecks`), the words from the catalogue.
 */
export function PasswordChecklist({ checks }: { readonly checks: ReadonlyArray<RuleCheck> }) {
  const { t } = useTranslation()
  return (
    <List aria-label={t("password.rulesTitle")} spacing={4} size="sm" center data-testid="password-checklist">
      {checks.map((check) => (
        <List.Item
          key={check.rule}
          data-rule={check.rule}
          data-passed={check.passed}
          icon={
            <ThemeIcon color={check.passed ? "teal" : "gray"} size={18} radius="xl" aria-hidden>
              {check.passed ? <IconCheck size={12} /> : <IconX size={12} />}
            </ThemeIcon>
          }
        >
          <Text size="sm" c={check.passed ? "teal.9" : "dark.4"} span>
            {t(`password.rules.${check.rule}` as "password.rules.minLength", { count: check.count ?? 0 })}
          </Text>
          <VisuallyHidden>{`: ${check.passed ? t("password.ruleMet") : t("password.ruleNotMet")}`}</VisuallyHidden>
        </List.Item>
      ))}
    </List>
  )
}
