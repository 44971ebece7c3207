package com.vocelio.live;

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
