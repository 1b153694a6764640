/**
 * The settings pages' words of the product documents, as written there; the preset overlays take them under
 * `settings`. 000 names the PIMS fields and the default credentials, 001 the Shopify integration and its tags.
 */
export const weevioSettings = {
  nav: { shopify: "Shopify integration", pims: "Default PIMS Credentials" },
  shopify: {
    title: "Shopify integration",
    customerCode: "PIMS Customer Code",
    customerName: "PIMS Customer Name",
    priceCode: "Price Code"
  },
  pims: { defaultTitle: "Default PIMS Credentials", username: "PIMS Username", password: "PIMS Password" }
}
