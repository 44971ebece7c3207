package com.vocelio.live;

import com.vocelio.contact.entity.Contact;
import com.vocelio.contact.entity.ContactImport;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.platform.control.Jsons;
import com.vocelio.transfer.entity.QueueBoard;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What each socket path sends and how its clients read it. {@code /ws/transfers}: transfer and agent events in the
 * envelope, and the seed guide's {@code transfer_status} counts. {@code /ws}: the channels a client subscribed to,
 * filtered by department, with {@code queue_changed} counts on the {@code queue} channel. {@code /ws/dashboard} and
 * {@code /ws/analytics}: the portal's real-time hub names ({@code agent_status}, {@code system_alert},
 * {@code performance_update}) with camelCase payloads.
 */
enum SocketDialect {
    TRANSFERS {
        @Override
        boolean wants(StoredEvent event, SocketConnection connection) {
            return event.channel().equals(DomainEvent.TRANSFERS)
                    || event.channel().equals(DomainEvent.AGENTS);
        }

        @Override
        List<WireMessage> figures(QueueBoard now, QueueBoard before, SocketConnection connection) {
            if (before != null
                    && before.activeTransfers() == now.activeTransfers()
                    && before.availableAgents() == now.availableAgents()
                    && before.totalQueueLength() == now.totalQueueLength()) {
                return List.of();
            }
            return List.of(shared(now, this, () -> {
                var counts = Jsons.objectBuilder()
                        .add("activeTransfers", now.activeTransfers())
                        .add("availableAgents", now.availableAgents())
                        .add("totalQueueLength", now.totalQueueLength())
                        .build();
                return derived("transfer_status", DomainEvent.TRANSFERS, now.tenantId(), counts);
            }));
        }
    },

    LIVE {
        @Override
        boolean wants(StoredEvent event, SocketConnection connection) {
            return connection.subscribedTo(event.channel(), event.text("department_id"), departmentName(event))
                    && connection.listed(event.channel(), listIds(event));
        }

        @Override
        List<WireMessage> figures(QueueBoard now, QueueBoard before, SocketConnection connection) {
            return now.queues().stream()
                    .filter(queue ->
                            connection.subscribedTo(DomainEvent.QUEUE, queue.departmentId(), queue.department()))
                    .filter(queue -> before == null || !before.queues().contains(queue))
                    .map(queue -> shared(
                            now,
                            queue,
                            () -> derived("queue_changed", DomainEvent.QUEUE, now.tenantId(), queuePayload(queue))))
                    .toList();
        }
    },

    DASHBOARD {
        @Override
        boolean waitsForSignIn() {
            return true;
        }

        @Override
        boolean wants(StoredEvent event, SocketConnection connection) {
            return event.channel().equals(DomainEvent.AGENTS) || event.channel().equals(DomainEvent.SYSTEM_ALERT);
        }

        @Override
        String render(StoredEvent event) {
            JsonObject payload = event.payloadObject();
            if (event.channel().equals(DomainEvent.AGENTS)) {
                var agent = Jsons.objectBuilder(payload)
                        .add("agentId", payload.getString("agent_id", ""))
                        .add(
                                "availability",
                                payload.getString("status", "").equals("available") ? "available" : "unavailable")
                        .add("channels", Jsons.arrayBuilder().add("voice"))
                        .add("activeSessions", payload.getInt("active_calls", 0))
                        .add("lastActivity", payload.getString("status_changed_at", ""))
                        .add(
                                "metadata",
                                Jsons.objectBuilder()
                                        .add("department", payload.getString("department", ""))
                                        .add("department_id", payload.getString("department_id", "")))
                        .build();
                return event.envelope("agent_status", agent.toString());
            }
            var alert = Jsons.objectBuilder(payload)
                    .add("alertId", Long.toString(event.id()))
                    .add("source", "vocelio")
                    .add("metadata", Jsons.objectBuilder())
                    .build();
            return event.envelope("system_alert", alert.toString());
        }

        @Override
        List<WireMessage> figures(QueueBoard now, QueueBoard before, SocketConnection connection) {
            if (before != null
                    && before.activeTransfers() == now.activeTransfers()
                    && before.availableAgents() == now.availableAgents()
                    && before.busyAgents() == now.busyAgents()
                    && before.totalQueueLength() == now.totalQueueLength()) {
                return List.of();
            }
            return List.of(shared(now, this, () -> {
                long longestWait = now.queues().stream()
                        .mapToLong(QueueBoard.Queue::longestWaitSeconds)
                        .max()
                        .orElse(0);
                var metrics = Jsons.objectBuilder()
                        .add("activeSessions", now.activeTransfers())
                        .add("queueLength", now.totalQueueLength())
                        .add("availableAgents", now.availableAgents())
                        .add("busyAgents", now.busyAgents())
                        .add("agentUtilization", now.agentUtilization())
                        .add("longestWait", longestWait)
                        .build();
                var payload = Jsons.objectBuilder(metrics)
                        .add("metrics", metrics)
                        .add("period", "live")
                        .add("activeeSessions", now.activeTransfers()) // sic: the portal's handler reads this spelling
                        // containers the hub's handlers walk: voice is the one channel there is; no trend series yet
                        .add("channelMetrics", Jsons.objectBuilder().add("voice", metrics))
                        .add("trends", Jsons.arrayBuilder())
                        .build();
                return derived("performance_update", "performance", now.tenantId(), payload);
            }));
        }
    };

    /** Channels a {@code /ws} client may subscribe to. */
    static final Set<String> CHANNELS = Set.of(
            DomainEvent.LIVE_CALL,
            DomainEvent.SYSTEM_ALERT,
            "ai_insight",
            "message",
            DomainEvent.TRANSFERS,
            DomainEvent.AGENTS,
            DomainEvent.QUEUE,
            DomainEvent.DEPARTMENTS,
            ContactImport.IMPORT_PROGRESS,
            Contact.CHANNEL,
            "campaign_update");

    /** The messages made for the latest counts: one organization's counts go to each of its sockets in turn. */
    private final AtomicReference<Rendered> rendered = new AtomicReference<>();

    private record Rendered(QueueBoard figures, Map<Object, WireMessage> messages) {}

    abstract boolean wants(StoredEvent event, SocketConnection connection);

    /**
     * Whether a socket may stay open unsigned, receiving nothing until it signs in. The portal's hub socket never
     * sends a token (contract §7.3): closing it every few seconds would only make it reconnect forever.
     */
    boolean waitsForSignIn() {
        return false;
    }

    String render(StoredEvent event) {
        return event.envelope();
    }

    /** The event's message in this dialect, rendered and framed once for all the sockets that speak it. */
    final WireMessage message(StoredEvent event) {
        return event.derived(this, rendered -> new WireMessage(render(rendered)));
    }

    /** The messages a change of live counts calls for; {@code before} is null for the first. */
    abstract List<WireMessage> figures(QueueBoard now, QueueBoard before, SocketConnection connection);

    /** A message about these counts, rendered once however many sockets it goes to. */
    final WireMessage shared(QueueBoard now, Object key, Supplier<String> render) {
        Rendered current = rendered.get();
        if (current == null || current.figures() != now) {
            current = new Rendered(now, new ConcurrentHashMap<>());
            rendered.set(current);
        }
        return current.messages().computeIfAbsent(key, k -> new WireMessage(render.get()));
    }

    static String derived(String type, String channel, String tenantId, JsonObject payload) {
        return StoredEvent.envelope(
                null, type, channel, tenantId, OffsetDateTime.now().toString(), payload.toString());
    }

    /** The contact lists a {@code contacts} event names, in lower case, read once per event for all sockets. */
    private static Set<String> listIds(StoredEvent event) {
        if (!event.channel().equals(Contact.CHANNEL)) {
            return Set.of();
        }
        return event.derived(
                Contact.CHANNEL,
                e -> e.payloadObject().get("listIds") instanceof JsonArray ids
                        ? ids.getValuesAs(JsonValue.class).stream()
                                .filter(JsonString.class::isInstance)
                                .map(id -> ((JsonString) id).getString().toLowerCase(Locale.ROOT))
                                .collect(Collectors.toUnmodifiableSet())
                        : Set.<String>of());
    }

    private static String departmentName(StoredEvent event) {
        String name = event.text("target_department");
        return name.isEmpty() ? event.text("department") : name;
    }

    private static JsonObject queuePayload(QueueBoard.Queue queue) {
        return Jsons.objectBuilder()
                .add("department_id", queue.departmentId())
                .add("department", queue.department())
                .add("queue_length", queue.queueLength())
                .add("longest_wait", queue.longestWaitSeconds())
                .add("estimated_wait_time", queue.estimatedWaitSeconds())
                .add("available_agents", queue.availableAgents())
                .build();
    }
}
