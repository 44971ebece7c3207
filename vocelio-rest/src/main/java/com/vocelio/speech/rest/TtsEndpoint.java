package com.vocelio.speech.rest;

import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Failures;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.rest.JsonBodies;
import com.vocelio.speech.boundary.Syntheses;
import com.vocelio.speech.boundary.SynthesisRequest;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Real-time speech (the guide's {@code /ws/tts}): text in, audio out as it is produced. Signs in like the event
 * sockets: {@code ?access_token=} or a first message {@code {"type":"auth","token":…}} within
 * {@code vocelio.events.auth-timeout}, else closed with 1008. Then each {@code {"type":"synthesize", text, voice_id,
 * provider, speed, pitch, volume, format, request_id}} is answered by {@code audio_start {request_id, provider,
 * voice_id, content_type}}, the audio as binary messages (one per chunk the engine produces; together one file),
 * and {@code audio_end {request_id, bytes, seconds, cached}} — or {@code error {request_id, status, code, message,
 * details}}. Requests of one socket are spoken one after the other. Like the event sockets, it lives as long as its
 * token: another {@code auth} message with a fresh token of the same organization extends it; otherwise it is closed
 * with 1008 when the token expires.
 */
@ServerEndpoint("/ws/tts")
public class TtsEndpoint {

    private static final Logger LOG = Logger.getLogger(TtsEndpoint.class.getName());
    private static final String TOKEN = "vocelio.tts.token";
    private static final String ORGANIZATION = "vocelio.tts.organization";
    private static final String EXPIRY = "vocelio.tts.expiry";
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "tts-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    AccessTokens tokens;

    @Inject
    CurrentTenant tenant;

    @Inject
    Syntheses syntheses;

    @Inject
    TtsSockets sockets;

    @Inject
    @ConfigProperty(name = "vocelio.events.auth-timeout", defaultValue = "PT5S")
    Duration authTimeout;

    @OnOpen
    public void open(Session session) {
        sockets.opened(session);
        List<String> token = session.getRequestParameterMap().get("access_token");
        if (token != null && !token.isEmpty()) {
            signIn(session, token.get(0));
            return;
        }
        DEADLINES.schedule(
                () -> {
                    if (session.isOpen() && !session.getUserProperties().containsKey(TOKEN)) {
                        close(session, "Sign in within " + authTimeout.toSeconds() + " s");
                    }
                },
                authTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * A message is judged as strictly as a request body ({@link JsonBodies#message}); a refused one is answered with
     * an {@code error} and the socket goes on. Nothing is thrown out of here: Tyrus would log it with its stack trace.
     */
    @OnMessage
    public void message(Session session, String text) {
        JsonObject message;
        try {
            message = JsonBodies.message(text);
        } catch (BusinessException e) {
            send(session, error("", 400, e.code(), e.getMessage(), e.details()));
            return;
        }
        try {
            handle(session, message);
        } catch (UncheckedIOException e) {
            // the client went away: nothing to tell it
        } catch (RuntimeException e) {
            var refusal = Failures.classify(e).orElse(null);
            if (refusal != null) {
                send(session, error(requestId(message), status(refusal.kind()), refusal.code(), refusal.getMessage()));
            } else {
                String incident = UUID.randomUUID().toString();
                LOG.log(Level.SEVERE, "Incident " + incident + " handling a speech socket message", e);
                send(
                        session,
                        error(requestId(message), 500, "internal_error", "Internal error (incident " + incident + ")"));
            }
        }
    }

    private void handle(Session session, JsonObject message) {
        switch (message.get("type") instanceof JsonString type ? type.getString() : "") {
            case "auth" -> signIn(session, message.get("token") instanceof JsonString token ? token.getString() : "");
            case "ping" ->
                send(session, Jsons.objectBuilder().add("type", "pong").build().toString());
            case "synthesize", "speak", "tts" -> synthesize(session, message);
            default -> send(session, error(requestId(message), 400, "unknown_type", "Types: auth, synthesize, ping"));
        }
    }

    /** A first token signs in; a later one must be of the same organization and extends the socket's life. */
    private void signIn(Session session, String token) {
        var bearer = tokens.verify(token);
        Object organization = session.getUserProperties().get(ORGANIZATION);
        if (bearer.isEmpty()
                || organization != null && !organization.equals(bearer.get().tenantId())) {
            close(session, "Invalid or expired access token");
            return;
        }
        session.getUserProperties().put(ORGANIZATION, bearer.get().tenantId());
        session.getUserProperties().put(TOKEN, token); // checked again before each synthesis: revocation
        closeAtExpiry(session, bearer.get());
        send(
                session,
                Jsons.objectBuilder()
                        .add("type", "authenticated")
                        .add("tenant_id", bearer.get().tenantId())
                        .build()
                        .toString());
    }

    private static String signedInToken(Session session) {
        return (String) session.getUserProperties().get(TOKEN);
    }

    /** What {@code Sockets} does for {@code /ws}: the same code and reason when the token runs out. */
    private void closeAtExpiry(Session session, VerifiedToken bearer) {
        String token = signedInToken(session);
        var closing = DEADLINES.schedule(
                () -> {
                    if (token.equals(signedInToken(session))) { // not renewed meanwhile
                        close(
                                session,
                                "Access token expired: renew it with an auth message before it ends, or reconnect");
                    }
                },
                Math.max(
                        0,
                        Duration.between(java.time.Instant.now(), bearer.expiresAt())
                                .toMillis()),
                TimeUnit.MILLISECONDS);
        if (session.getUserProperties().put(EXPIRY, closing) instanceof Future<?> previous) {
            previous.cancel(false);
        }
    }

    @OnClose
    public void closed(Session session) {
        sockets.closed(session);
        if (session.getUserProperties().get(EXPIRY) instanceof Future<?> closing) {
            closing.cancel(false);
        }
    }

    private void synthesize(Session session, JsonObject message) {
        String requestId = requestId(message);
        var bearer = tokens.verify(signedInToken(session));
        if (bearer.isEmpty()) {
            close(session, "Sign in first, with a valid token: {\"type\":\"auth\",\"token\":…}");
            return;
        }
        try {
            speak(session, requestId, bearer.get(), message);
        } catch (BusinessException e) {
            send(session, error(requestId, status(e.kind()), e.code(), e.getMessage(), e.details()));
        } catch (UncheckedIOException e) {
            // the client went away mid-stream: nothing to tell it
        }
    }

    private void speak(Session session, String requestId, VerifiedToken bearer, JsonObject message) {
        var request = new SynthesisRequest(
                text(message, "text"),
                text(message, "voice_id"),
                text(message, "provider"),
                text(message, "language"),
                number(message, "speed"),
                number(message, "pitch"),
                number(message, "volume"),
                text(message, "format"),
                null,
                null);
        var audio = tenant.runAs(bearer.tenantId(), () -> {
            var speech = syntheses.open(syntheses.plan(request)); // who speaks is settled before audio_start
            send(
                    session,
                    Jsons.objectBuilder()
                            .add("type", "audio_start")
                            .add("request_id", requestId)
                            .add("provider", speech.provider())
                            .add("voice_id", speech.voiceId())
                            .add("content_type", speech.mediaType())
                            .build()
                            .toString());
            return syntheses.pour(speech, chunk -> {
                try {
                    session.getBasicRemote().sendBinary(ByteBuffer.wrap(chunk));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
        send(
                session,
                Jsons.objectBuilder()
                        .add("type", "audio_end")
                        .add("request_id", requestId)
                        .add("provider", audio.provider())
                        .add("voice_id", audio.voiceId())
                        .add("bytes", audio.bytes().length)
                        .add("seconds", audio.seconds())
                        .add("cached", audio.cached())
                        .build()
                        .toString());
    }

    private static String requestId(JsonObject message) {
        var value = message.get("request_id");
        return value instanceof JsonString text ? text.getString() : value == null ? "" : value.toString();
    }

    private static String text(JsonObject message, String field) {
        var value = message.get(field);
        if (value == null || value.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw BusinessException.invalid(field, "must be a string");
    }

    private static Double number(JsonObject message, String field) {
        var value = message.get(field);
        if (value == null || value.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        throw BusinessException.invalid(field, "must be a number");
    }

    private static int status(BusinessException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case UPSTREAM_FAILED -> 502;
            case UNAVAILABLE -> 503;
            default -> 409;
        };
    }

    private static String error(String requestId, int status, String code, String message) {
        return error(requestId, status, code, message, List.of());
    }

    private static String error(
            String requestId, int status, String code, String message, List<BusinessException.Detail> details) {
        var list = Jsons.arrayBuilder();
        details.forEach(detail ->
                list.add(Jsons.objectBuilder().add("field", detail.field()).add("message", detail.message())));
        return Jsons.objectBuilder()
                .add("type", "error")
                .add("request_id", requestId)
                .add("status", status)
                .add("code", code)
                .add("message", message)
                .add("details", list)
                .build()
                .toString();
    }

    private static void send(Session session, String text) {
        try {
            if (session.isOpen()) {
                session.getBasicRemote().sendText(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(Session session, String reason) {
        try {
            session.close(new CloseReason(CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException e) {
            // already gone
        }
    }
}
