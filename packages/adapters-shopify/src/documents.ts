// The Admin GraphQL documents Gatehouse sends (valid and undeprecated in 2025-01 .. 2026-07). The fake
// Shopify server validates each against the real schema subset. `Customer.email` is deprecated: the address
// is read from `defaultEmailAddress`.

const CUSTOMER_FIELDS = `fragment CustomerFields on Customer {
  id
  state
  tags
  defaultEmailAddress { emailAddress }
}`

export const CUSTOMER_BY_EMAIL = `query CustomerByEmail($email: String!) {
  customerByIdentifier(identifier: { emailAddress: $email }) { ...CustomerFields }
}
${CUSTOMER_FIELDS}`

export const CUSTOMER_BY_ID = `query CustomerById($id: ID!) {
  customer(id: $id) { ...CustomerFields }
}
${CUSTOMER_FIELDS}`

export const SHOP_CUSTOMER_ACCOUNTS = `query ShopCustomerAccounts {
  shop { customerAccountsV2 { customerAccountsVersion url } }
}`

export const CUSTOMER_CREATE = `mutation CustomerCreate($input: CustomerInput!) {
  customerCreate(input: $input) {
    customer { ...CustomerFields }
    userErrors { field message }
  }
}
${CUSTOMER_FIELDS}`

export const TAGS_ADD = `mutation TagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) {
    node { ... on Customer { ...CustomerFields } }
    userErrors { field message }
  }
}
${CUSTOMER_FIELDS}`

export const TAGS_REMOVE = `mutation TagsRemove($id: ID!, $tags: [String!]!) {
  tagsRemove(id: $id, tags: $tags) {
    node { ... on Customer { ...CustomerFields } }
    userErrors { field message }
  }
}
${CUSTOMER_FIELDS}`

export const SEND_INVITE = `mutation CustomerSendAccountInviteEmail($customerId: ID!) {
  customerSendAccountInviteEmail(customerId: $customerId) {
    customer { ...CustomerFields }
    userErrors { code field message }
  }
}
${CUSTOMER_FIELDS}`

export const ACTIVATION_URL = `mutation CustomerGenerateAccountActivationUrl($customerId: ID!) {
  customerGenerateAccountActivationUrl(customerId: $customerId) {
    accountActivationUrl
    userErrors { field message }
  }
}`
