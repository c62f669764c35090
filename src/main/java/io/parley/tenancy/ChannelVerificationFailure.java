package io.parley.tenancy;

import io.parley.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code 400 channel_verification_failed}: Meta did not confirm that the access token reaches the phone number id.
 * The problem carries Meta's own explanation ({@code metaError}: code, subcode, type, message, trace id) because that
 * is what the admin needs to fix the token or the id; it never carries the token.
 */
final class ChannelVerificationFailure {
    private ChannelVerificationFailure() {}

    static InvalidRequestException of(WhatsAppNumberCheck.Failed failed) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("field", failed.field());
        context.put("reason", failed.reason());
        if (failed.graphStatus() != null) {
            context.put("graphStatus", failed.graphStatus());
        }
        if (failed.metaError() != null) {
            context.put("metaError", metaError(failed.metaError()));
        }
        return new InvalidRequestException(
                "channel_verification_failed",
                "The WhatsApp number could not be verified with Meta: " + failed.message(),
                context);
    }

    private static Map<String, Object> metaError(WhatsAppNumberCheck.MetaError error) {
        Map<String, Object> meta = new LinkedHashMap<>();
        putIfPresent(meta, "code", error.code());
        putIfPresent(meta, "errorSubcode", error.errorSubcode());
        putIfPresent(meta, "type", error.type());
        putIfPresent(meta, "message", error.message());
        putIfPresent(meta, "fbtraceId", error.fbtraceId());
        return meta;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
