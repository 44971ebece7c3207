package com.vocelio.live;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Jsons;
import java.time.OffsetDateTime;

/** What a socket answers its client, each with the time it was said. */
final class SocketReplies {

    private SocketReplies() {}

    static String authenticated(String tenantId) {
        return reply("authenticated", "tenant_id", tenantId);
    }

    static String error(String message) {
        return reply("error", "message", message);
    }

    /**
     * A refused message, in the same {@code error} message, with what an HTTP error body says besides: its
     * {@code code} and the fields at fault.
     */
    static String error(BusinessException refusal) {
        var details = Jsons.arrayBuilder();
        refusal.details()
                .forEach(detail -> details.add(
                        Jsons.objectBuilder().add("field", detail.field()).add("message", detail.message())));
        return Jsons.objectBuilder()
                .add("type", "error")
                .add("code", refusal.code())
                .add("message", refusal.getMessage())
                .add("details", details)
                .add("timestamp", OffsetDateTime.now().toString())
                .build()
                .toString();
    }

    static String subscribed(String channel) {
        return reply("subscribed", "channel", channel);
    }

    /** The answer to {@code ping}. */
    static String pong() {
        return reply("pong", "timestamp", OffsetDateTime.now().toString());
    }

    /** The answer to {@code heartbeat}: a heartbeat back. */
    static String heartbeat() {
        return reply("heartbeat", "timestamp", OffsetDateTime.now().toString());
    }

    private static String reply(String type, String key, String value) {
        return Jsons.objectBuilder()
                .add("type", type)
                .add(key, value)
                .add("timestamp", OffsetDateTime.now().toString())
                .build()
                .toString();
    }
}
