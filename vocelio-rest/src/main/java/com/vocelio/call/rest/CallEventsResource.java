package com.vocelio.call.rest;

import com.vocelio.call.boundary.Calls;
import com.vocelio.event.boundary.EventLog;
import com.vocelio.event.control.Feed;
import com.vocelio.event.control.Outlet;
import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.rest.JsonbConfiguration;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-sent events of one call ({@code /api/calls/{call_id}/events}) or of all live calls
 * ({@code /api/calls/active/events}), in the portal's {@code useCallEvents} shapes: {@code connected} first, then
 * {@code call_status_update}, {@code transfer_initiated}, {@code transfer_completed}, {@code transfer_failed},
 * {@code call_ended} — or {@code active_calls_update} and {@code call_update} for the live list. EventSource cannot
 * send headers, so the token may come as {@code access_token}; each event carries its id, so a reconnecting
 * EventSource resumes after {@code Last-Event-ID}.
 */
@Path("api/calls/{call_id}/events")
@ApplicationScoped
@PermitAll // the token is checked here: it may come as a query parameter
public class CallEventsResource {

    static final String ACTIVE = "active";

    @Inject
    Clock clock;

    @Inject
    AccessTokens tokens;

    @Inject
    Calls calls;

    @Inject
    CurrentTenant tenant;

    @Inject
    Subscribers subscribers;

    @Inject
    EventLog log;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "vocelio.events.buffer", defaultValue = "1000")
    int buffer;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(
            @PathParam("call_id") String callId,
            @QueryParam("access_token") String queryToken,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("since") String since,
            @Context SseEventSink sink,
            @Context Sse sse) {
        String token = queryToken != null && !queryToken.isBlank()
                ? queryToken
                : authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? authorization.substring(7)
                        : null;
        VerifiedToken bearer = tokens.verify(token)
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.UNAUTHENTICATED,
                        "unauthenticated",
                        "A valid access token is required (Authorization header or access_token query parameter)"));
        boolean all = ACTIVE.equals(callId);

        // an SSE write blocks while the client does not read: streams send from the managed pool, not the senders
        var outlet = new Outlet<OutboundSseEvent>(Math.max(10, buffer), executor) {
            @Override
            protected CompletionStage<?> transmit(OutboundSseEvent event) {
                return sink.send(event);
            }

            @Override
            protected void overflowed() {
                executor.execute(sink::close);
            }

            @Override
            protected void failed(Throwable cause) {
                executor.execute(sink::close);
            }
        };
        var feed = new Feed(bearer.tenantId(), outlet) {
            @Override
            protected void emit(StoredEvent event) {
                String data = all ? forActiveList(event) : forCall(event, callId);
                if (data != null) {
                    outlet.send(sse.newEventBuilder()
                            .id(Long.toString(event.id()))
                            .data(data)
                            .build());
                }
            }

            @Override
            protected boolean isOpen() {
                return !outlet.isClosed() && !sink.isClosed();
            }

            @Override
            protected void cutOff() {
                outlet.close();
                executor.execute(sink::close);
            }

            @Override
            public void dropped() {
                cutOff();
            }
        };
        // subscribed before the opening snapshot is read, so nothing that happens in between is missed
        feed.hold(subscribers);
        String opening;
        try {
            opening = tenant.runAs(bearer.tenantId(), () -> all ? activeCalls() : known(callId));
        } catch (RuntimeException e) {
            subscribers.remove(feed);
            throw e; // an unknown call is a 404, before the stream starts
        }
        outlet.send(sse.newEventBuilder()
                .data(message(
                        "connected",
                        Jsons.objectBuilder().add("call_id", callId).build()))
                .build());
        outlet.send(sse.newEventBuilder().data(opening).build());
        Long resumeAfter = number(lastEventId != null ? lastEventId : since);
        Future<?> keepAlive = scheduler.scheduleAtFixedRate(
                () -> {
                    if (outlet.isClosed() || sink.isClosed()) {
                        subscribers.remove(feed);
                        throw new IllegalStateException("stream ended"); // stops this schedule
                    }
                    outlet.send(sse.newEventBuilder().comment("keep-alive").build());
                },
                20,
                20,
                TimeUnit.SECONDS);
        // a stream lives as long as its token, like a socket; EventSource reconnects with a fresh one
        scheduler.schedule(
                feed::cutOff,
                Math.max(0, Duration.between(Instant.now(), bearer.expiresAt()).toMillis()),
                TimeUnit.MILLISECONDS);
        executor.execute(() -> {
            try {
                if (resumeAfter != null) {
                    feed.replay(log, resumeAfter);
                }
                feed.release();
            } catch (RuntimeException e) {
                keepAlive.cancel(false);
                subscribers.remove(feed);
                sink.close();
            }
        });
    }

    private String known(String callId) {
        var call = calls.find(callId)
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.NOT_FOUND, "call_not_found", "Call '" + callId + "' not found"));
        return message(
                "call_status_update",
                Jsons.objectBuilder()
                        .add("call_id", call.callId())
                        .add("status", call.status().wireName())
                        .add("duration", call.durationSeconds(Clocks.now(clock)))
                        .build());
    }

    private String activeCalls() {
        var now = Clocks.now(clock);
        var live =
                calls.live().stream().map(call -> ActiveCallView.of(call, now)).toList();
        String list = new JsonbConfiguration().getContext(ActiveCallView.class).toJson(live);
        return "{\"type\":\"active_calls_update\",\"active_calls\":" + list + ",\"timestamp\":\"" + now + "\"}";
    }

    /** One call's events in the portal's names; null for what this stream does not carry. */
    static String forCall(StoredEvent event, String callId) {
        JsonObject payload = event.payloadObject();
        if (!callId.equals(payload.getString("call_id", ""))) {
            return null;
        }
        String type =
                switch (event.type()) {
                    case "call_started", "call_status_changed" -> "call_status_update";
                    case "transfer_queued" -> "transfer_initiated";
                    case "transfer_abandoned" -> "transfer_failed";
                    default -> event.type();
                };
        var data = Jsons.objectBuilder(payload);
        if (type.equals("call_ended")) {
            data.add("total_duration", payload.getJsonNumber("duration").longValue());
        } else if (type.equals("transfer_failed")) {
            String why = payload.getString("end_reason", "");
            data.add("error_message", why.isEmpty() ? "The transfer ended before anyone answered" : why);
        }
        return message(type, data.add("timestamp", event.timestamp().toString()).build());
    }

    /** Live-list updates: one {@code call_update} per call event. */
    static String forActiveList(StoredEvent event) {
        if (!event.channel().equals(DomainEvent.LIVE_CALL)) {
            return null;
        }
        JsonObject payload = event.payloadObject();
        return message(
                "call_update",
                Jsons.objectBuilder()
                        .add("call_id", payload.getString("call_id", ""))
                        .add("event", event.type())
                        .add("updates", payload)
                        .add("timestamp", event.timestamp().toString())
                        .build());
    }

    private static String message(String type, JsonObject fields) {
        return Jsons.objectBuilder(fields).add("type", type).build().toString();
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
