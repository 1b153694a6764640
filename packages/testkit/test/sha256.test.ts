import { webCryptoSha256 } from "@gatehouse/domain"
import { sha256Contract } from "../src/contracts/index.ts"

// The domain's default (Web Crypto) against the vectors; adapters run the same contract on theirs.
sha256Contract("Web Crypto, the default", webCryptoSha256)
