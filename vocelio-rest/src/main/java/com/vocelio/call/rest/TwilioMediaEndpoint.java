package com.vocelio.call.rest;

import com.vocelio.call.boundary.TelephonyDirectory;
import com.vocelio.call.boundary.TwilioConferences;
import com.vocelio.call.control.AiLegMedia;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's media stream of the AI's conference leg ({@code <Connect><Stream>} from
 * {@code /webhooks/twilio/conference/ai-leg}), in Twilio's protocol: {@code connected}, then {@code start} with the
 * leg's call sid, the stream sid and our token among its custom parameters, then {@code media} frames (the
 * conference's audio, 8 kHz mu-law) and {@code stop}. A {@code start} whose token is wrong, expired or for another leg,
 * or any other message before a valid {@code start} (or none within {@code vocelio.events.auth-timeout}), closes the
 * socket with 1008. Once started, the AI speaks its line as {@code media} messages of 20 ms each, then a
 * {@code mark}; the live feed hears {@code ai_leg_streaming} and, at {@code stop} or when the socket goes,
 * {@code ai_leg_stream_stopped}. What the conference says is not listened to (no speech recognition yet).
 */
@ServerEndpoint("/ws/twilio/media")
public class TwilioMediaEndpoint {

    private static final Logger LOG = Logger.getLogger(TwilioMediaEndpoint.class.getName());
    private static final String GRANT = "vocelio.media.grant";
    private static final String STREAM = "vocelio.media.stream";
    private static final String STOPPED = "vocelio.media.stopped";
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "media-stream-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    AiLegMedia media;

    @Inject
    TelephonyDirectory directory;

    @Inject
    TwilioConferences conferences;

    @Inject
    CurrentTenant tenant;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.events.auth-timeout", defaultValue = "PT5S")
    Duration startTimeout;

    @OnOpen
    public void open(Session session) {
        session.getUserProperties().put(STOPPED, new AtomicBoolean());
        DEADLINES.schedule(
                () -> {
                    if (session.isOpen() && !session.getUserProperties().containsKey(GRANT)) {
                        close(
                                session,
                                CloseCodes.VIOLATED_POLICY,
                                "No valid start within " + startTimeout.toSeconds() + " s");
                    }
                },
                startTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @OnMessage
    public void message(Session session, String text) {
        JsonObject message;
        try (var reader = Json.createReader(new StringReader(text))) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            close(session, CloseCodes.CANNOT_ACCEPT, "Messages are Twilio media-stream JSON");
            return;
        }
        boolean started = session.getUserProperties().containsKey(GRANT);
        switch (message.getString("event", "")) {
            case "connected" -> {}
            case "start" -> {
                if (!started) {
                    start(session, message);
                }
            }
            case "stop" -> {
                stopped(session);
                close(session, CloseCodes.NORMAL_CLOSURE, "Stream stopped");
            }
            default -> { // media, mark, dtmf: heard, not listened to yet
                if (!started) {
                    close(session, CloseCodes.VIOLATED_POLICY, "Start the stream with a valid token first");
                }
            }
        }
    }

    private void start(Session session, JsonObject message) {
        JsonObject start = message.get("start") instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject parameters = start.get("customParameters") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        String legSid = start.getString("callSid", "");
        String streamSid = message.getString("streamSid", start.getString("streamSid", ""));
        var grant = media.verify(parameters.getString("token", ""), clock.instant())
                .filter(g -> g.legSid().equals(legSid));
        if (grant.isEmpty() || streamSid.isBlank() || streamSid.length() > 64) {
            close(session, CloseCodes.VIOLATED_POLICY, "Invalid or expired stream token");
            return;
        }
        boolean allowed = directory
                .organizationOfCall(TwilioTelephony.NAME, grant.get().callSid())
                .map(organization -> tenant.runAs(organization, () -> conferences.aiStreaming(grant.get(), streamSid)))
                .orElse(false);
        if (!allowed) {
            close(session, CloseCodes.VIOLATED_POLICY, "This leg is not the AI's leg of a live conference");
            return;
        }
        session.getUserProperties().put(GRANT, grant.get());
        session.getUserProperties().put(STREAM, streamSid);
        speak(session, streamSid);
    }

    /** The line, frame by frame (Twilio buffers and plays them in order), then a mark for when it has been played. */
    private void speak(Session session, String streamSid) {
        var encoder = Base64.getEncoder();
        try {
            for (byte[] frame : media.lineFrames()) {
                session.getBasicRemote()
                        .sendText(Json.createObjectBuilder()
                                .add("event", "media")
                                .add("streamSid", streamSid)
                                .add("media", Json.createObjectBuilder().add("payload", encoder.encodeToString(frame)))
                                .build()
                                .toString());
            }
            session.getBasicRemote()
                    .sendText(Json.createObjectBuilder()
                            .add("event", "mark")
                            .add("streamSid", streamSid)
                            .add("mark", Json.createObjectBuilder().add("name", "ai_line_spoken"))
                            .build()
                            .toString());
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "The AI leg's stream " + streamSid + " went away while speaking", e);
        }
    }

    @OnClose
    public void closed(Session session) {
        stopped(session);
    }

    @OnError
    public void failed(Session session, Throwable error) {
        LOG.log(Level.FINE, "AI leg media stream failed", error);
    }

    /** Once per stream, whichever comes first: Twilio's {@code stop}, or the socket closing. */
    private void stopped(Session session) {
        var grant = (AiLegMedia.Grant) session.getUserProperties().get(GRANT);
        var stopped = (AtomicBoolean) session.getUserProperties().get(STOPPED);
        if (grant == null || stopped == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        String streamSid = (String) session.getUserProperties().get(STREAM);
        try {
            directory
                    .organizationOfCall(TwilioTelephony.NAME, grant.callSid())
                    .ifPresent(organization -> tenant.runAs(organization, () -> {
                        conferences.aiStreamStopped(grant, streamSid);
                        return null;
                    }));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the end of the AI leg's stream " + streamSid, e);
        }
    }

    private static void close(Session session, CloseCodes code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, reason.length() > 120 ? reason.substring(0, 120) : reason));
            }
        } catch (IOException e) {
            // already gone
        }
    }
}
