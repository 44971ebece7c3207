package com.vocelio.call.rest;

import com.vocelio.call.boundary.AiLegs;
import com.vocelio.call.boundary.TelephonyDirectory;
import com.vocelio.call.control.AiLegCues;
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
import java.util.concurrent.ExecutorService;
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
 * conference's audio, 8 kHz mu-law), {@code mark} echoes and {@code stop}. A {@code start} whose token is wrong,
 * expired or for another leg, or any other message before a valid {@code start} (or none within
 * {@code vocelio.events.auth-timeout}), closes the socket with 1008. The AI waits silent until its cue (the agent's leg
 * started the conference; the cue may come through any node, {@link AiLegCues}), then speaks its line as
 * {@code media} messages of 20 ms each and a {@code mark}; Twilio echoes the mark once the line has been played, and
 * a warm transfer's AI then leaves ({@link AiLegs#lineSpoken}). The live feed hears {@code ai_leg_streaming} and, at
 * {@code stop} or when the socket goes, {@code ai_leg_stream_stopped}. What the conference says is not listened to
 * (no speech recognition yet).
 */
@ServerEndpoint("/ws/twilio/media")
public class TwilioMediaEndpoint {

    private static final Logger LOG = Logger.getLogger(TwilioMediaEndpoint.class.getName());
    private static final String GRANT = "vocelio.media.grant";
    private static final String STREAM = "vocelio.media.stream";
    private static final String STOPPED = "vocelio.media.stopped";
    private static final String SPOKEN = "vocelio.media.spoken";
    private static final String PLAYED = "vocelio.media.played";
    private static final String CUE = "vocelio.media.cue";
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "media-stream-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /** Speaking a line takes a few hundred sends: not on the event relay's thread, which cues it. */
    private static final ExecutorService SPEAKING = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "media-stream-speaking");
        thread.setDaemon(true);
        // the application's loader, whichever thread first cued (the event relay's): the speech engine loads by it
        thread.setContextClassLoader(TwilioMediaEndpoint.class.getClassLoader());
        return thread;
    });

    @Inject
    AiLegMedia media;

    @Inject
    AiLegCues cues;

    @Inject
    AiLegs legs;

    @Inject
    TelephonyDirectory directory;

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
        session.getUserProperties().put(SPOKEN, new AtomicBoolean());
        session.getUserProperties().put(PLAYED, new AtomicBoolean());
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
            case "mark" -> {
                if (!started) {
                    close(session, CloseCodes.VIOLATED_POLICY, "Start the stream with a valid token first");
                } else if (message.get("mark") instanceof JsonObject mark
                        && AiLegMedia.LINE_SPOKEN.equals(mark.getString("name", ""))) {
                    played(session);
                }
            }
            default -> { // media, dtmf: heard, not listened to yet
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
        // listening for the cue before asking whether it came: one committed meanwhile reaches us either way
        var cue = new AiLegCues.Cue(
                grant.get().callSid(), line -> SPEAKING.execute(() -> speak(session, streamSid, line)));
        session.getUserProperties().put(CUE, cue);
        cues.register(legSid, cue);
        var stream = directory
                .organizationOfCall(TwilioTelephony.NAME, grant.get().callSid())
                .map(organization -> tenant.runAs(organization, () -> legs.streaming(grant.get(), streamSid)))
                .orElse(AiLegs.Stream.REFUSED);
        if (stream.state() == AiLegs.State.REFUSED) {
            cues.unregister(cue);
            close(session, CloseCodes.VIOLATED_POLICY, "This leg is not the AI's leg of a live conference");
            return;
        }
        session.getUserProperties().put(GRANT, grant.get());
        session.getUserProperties().put(STREAM, streamSid);
        if (stream.state() == AiLegs.State.SPEAK) {
            speak(session, streamSid, stream.line());
        }
    }

    /**
     * The line, frame by frame (Twilio buffers and plays them in order), then a mark, which Twilio echoes once it has
     * been played. Once per stream, however often the cue comes.
     */
    private void speak(Session session, String streamSid, String line) {
        var spoken = (AtomicBoolean) session.getUserProperties().get(SPOKEN);
        if (!spoken.compareAndSet(false, true)) {
            return;
        }
        var encoder = Base64.getEncoder();
        try {
            for (byte[] frame : media.lineFrames(line)) {
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
                            .add("mark", Json.createObjectBuilder().add("name", AiLegMedia.LINE_SPOKEN))
                            .build()
                            .toString());
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "The AI leg's stream " + streamSid + " went away while speaking", e);
        }
    }

    /** Twilio echoed the mark after our line: it has been played (once; an echo of a line never sent is no echo). */
    private void played(Session session) {
        var grant = (AiLegMedia.Grant) session.getUserProperties().get(GRANT);
        var spoken = (AtomicBoolean) session.getUserProperties().get(SPOKEN);
        var played = (AtomicBoolean) session.getUserProperties().get(PLAYED);
        if (!spoken.get() || !played.compareAndSet(false, true)) {
            return;
        }
        try {
            directory
                    .organizationOfCall(TwilioTelephony.NAME, grant.callSid())
                    .ifPresent(organization -> tenant.runAs(organization, () -> {
                        legs.lineSpoken(grant);
                        return null;
                    }));
        } catch (RuntimeException e) { // the sweep hangs the leg up when its time is over
            LOG.log(Level.WARNING, "Could not hand the AI leg " + grant.legSid() + " off after its line", e);
        }
    }

    @OnClose
    public void closed(Session session) {
        if (session.getUserProperties().get(CUE) instanceof AiLegCues.Cue cue) {
            cues.unregister(cue);
        }
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
                        legs.stopped(grant, streamSid);
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
