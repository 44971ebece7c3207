package com.vocelio.call.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Twilio account and how Twilio reaches us: credentials, the default caller id, the public address Twilio calls
 * back (and signs its requests for), and where the SDK's requests go ({@code api.twilio.com} unless a test or a
 * proxy says otherwise).
 */
@ApplicationScoped
public class TwilioSettings {

    public static final String STATUS_CALLBACK = "/webhooks/twilio/status";
    /** Twilio posts here as a call's recording starts and ends (or turns out empty). */
    public static final String RECORDING_CALLBACK = "/webhooks/twilio/recording";

    public static final String VOICE_WEBHOOK = "/webhooks/twilio/voice";
    /** Twilio posts here when a bridge's {@code <Dial>} ends (the agent's leg failed, or the conversation is over). */
    public static final String BRIDGE_ENDED = "/webhooks/twilio/bridge";
    /** Twilio fetches the agent leg's TwiML here when the agent answers, before the caller is connected. */
    public static final String BRIDGE_ANSWERED = "/webhooks/twilio/bridge/answered";
    /** Twilio posts the status of an agent's own leg into a conference here (it rang out, or it ended). */
    public static final String BRIDGE_LEG = "/webhooks/twilio/bridge/leg";
    /** Twilio posts here as participants join and leave a transfer's conference, and as it ends. */
    public static final String CONFERENCE_CALLBACK = "/webhooks/twilio/conference";
    /** Twilio fetches the caller's next TwiML here when a conference transfer's conference is over: the AI again. */
    public static final String CONFERENCE_OVER = "/webhooks/twilio/conference/over";
    /**
     * The Voice URL to give the TwiML App ({@code vocelio.twilio.ai-app-sid}) the AI's conference leg dials: Twilio
     * fetches the leg's TwiML here, a {@code <Connect><Stream>} to {@value #MEDIA_STREAM}.
     */
    public static final String AI_LEG = "/webhooks/twilio/conference/ai-leg";
    /** Our WebSocket that speaks Twilio's media-stream protocol for the AI's leg. */
    public static final String MEDIA_STREAM = "/ws/twilio/media";

    @Inject
    @ConfigProperty(name = "twilio.account-sid")
    Optional<String> accountSid;

    @Inject
    @ConfigProperty(name = "twilio.auth-token")
    Optional<String> authToken;

    @Inject
    @ConfigProperty(name = "twilio.phone-number")
    Optional<String> phoneNumber;

    @Inject
    @ConfigProperty(name = "vocelio.twilio.api-base")
    Optional<String> apiBase;

    @Inject
    @ConfigProperty(name = "vocelio.public-url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(
            name = "vocelio.telephony.hold-music-url",
            defaultValue = "http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3")
    String holdMusicUrl;

    /**
     * The TwiML App (its {@code AP…} sid) whose Voice URL is {@value #AI_LEG}: a warm or conference transfer's
     * conference gets the AI as a participant dialled to {@code app:<sid>}. Unset, the AI places no leg.
     */
    @Inject
    @ConfigProperty(name = "vocelio.twilio.ai-app-sid")
    Optional<String> aiAppSid;

    /** How long a live call may go unheard of before a status read asks Twilio about it. */
    @Inject
    @ConfigProperty(name = "vocelio.telephony.twilio.status-stale-after", defaultValue = "PT15S")
    Duration statusStaleAfter;

    public boolean configured() {
        return accountSid().isPresent() && authToken().isPresent();
    }

    public Optional<String> accountSid() {
        return accountSid.map(String::strip).filter(v -> !v.isEmpty());
    }

    public Optional<String> authToken() {
        return authToken.map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The organization's default caller id when the {@code from} asked for is none of its numbers. */
    public Optional<String> phoneNumber() {
        return phoneNumber.map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Where the SDK's HTTP goes instead of Twilio (scheme, host and port only), for tests and egress proxies. */
    public Optional<String> apiBase() {
        return apiBase.map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The address the world reaches us at, without a trailing slash ({@code https://api.example.com}). */
    public Optional<String> publicUrl() {
        return publicUrl
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    }

    public Optional<String> aiAppSid() {
        return aiAppSid.map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Where Twilio opens the AI leg's media stream: our public address as a WebSocket URL (wss for https). */
    public Optional<String> mediaStreamUrl() {
        return publicUrl().map(base -> base.replaceFirst("^http", "ws") + MEDIA_STREAM);
    }

    public Duration statusStaleAfter() {
        return statusStaleAfter;
    }

    public String holdMusicUrl() {
        return holdMusicUrl;
    }
}
