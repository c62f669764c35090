package io.parley.platform.egress;

import io.parley.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant-configured URL points where the egress policy does not let Parley go (400 {@code egress_refused}).
 * Thrown when the URL is entered (with the request's {@code field}) and again when a connection would be opened
 * (without one). The message names the host's kind of address, never the URL: some URLs are credentials.
 */
public class EgressRefusedException extends InvalidRequestException {
    public static final String CODE = "egress_refused";

    private final String reason;

    public EgressRefusedException(String field, String reason) {
        super(
                CODE,
                (field == null ? "The URL" : field) + " is refused by the egress policy: " + reason
                        + ". Only public addresses are reachable unless the operator allows more with PARLEY_EGRESS_ALLOW.",
                context(field, reason));
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The same refusal, naming the request field the URL came from. */
    public EgressRefusedException forField(String field) {
        return new EgressRefusedException(field, reason);
    }

    private static Map<String, Object> context(String field, String reason) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (field != null) {
            context.put("field", field);
        }
        context.put("reason", reason);
        return context;
    }
}
