package io.parley.tenancy;

/** What the provider said about a phone number id and its access token when the number was connected. */
public sealed interface WhatsAppNumberCheck {

    /** The token reaches the number; what Meta shows for it (either may be null when Meta leaves it out). */
    record Verified(String displayPhoneNumber, String verifiedName) implements WhatsAppNumberCheck {}

    /** Verification is switched off ({@code PARLEY_WHATSAPP_VERIFYONCONNECT=false}): the number is taken on trust. */
    record NotChecked() implements WhatsAppNumberCheck {}

    /**
     * The number cannot be proven.
     *
     * @param reason      {@code graph_refused} (Meta answered an error), {@code phone_number_mismatch} (a 2xx naming
     *                    another or no id), {@code graph_unreachable} (network failure or timeout)
     * @param field       the request field the caller should look at: {@code accessToken} or {@code phoneNumberId}
     * @param graphStatus Meta's HTTP status, or null when Graph could not be reached
     * @param metaError   Meta's {@code error} object, or null when it sent none
     */
    record Failed(String reason, String field, String message, Integer graphStatus, MetaError metaError)
            implements WhatsAppNumberCheck {}

    /** Meta's {@code error} object as it explains itself; the access token is never part of it. */
    record MetaError(Integer code, Integer errorSubcode, String type, String message, String fbtraceId) {}
}
