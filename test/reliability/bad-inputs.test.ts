/**
 * Issue #8, bad input, through the real CLI: every case of test/helpers/bad-inputs.ts (invalid
 * resource inputs, invalid programs, invalid stack configuration) as `pulumi preview`, through the
 * same parallel runner as the e2e tier's subset (test/e2e/bad-inputs.test.ts). Each must fail, name
 * the property (or config key), never echo a secret, print no stack trace, and the whole run must
 * make no write to the account (no POST/PUT/DELETE other than logins).
 */
import { BAD_INPUTS } from "../helpers/bad-inputs";
import { describeBadInputTable } from "../helpers/bad-inputs-cli";

describeBadInputTable("invalid programs and configurations are refused at preview (real CLI)", "bad-inputs", BAD_INPUTS, 3_600_000);
