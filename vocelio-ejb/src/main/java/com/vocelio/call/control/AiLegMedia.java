package com.vocelio.call.control;

import com.vocelio.speech.control.LocalSpeech;
import com.vocelio.speech.entity.AudioFormat;
import com.vocelio.speech.entity.Utterance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The AI leg's media stream: who may open one, and what the AI says on it. Twilio opens our media WebSocket with the
 * token we put in the leg's TwiML; the token names the caller's call and the AI's leg and expires soon
 * ({@code vocelio.telephony.ai-leg-token-ttl}), signed with HMAC-SHA256 under the account's auth token (every node
 * has it; clients never see it), so any node can check it and nobody else can mint one. The AI says the hand-off
 * line ({@code vocelio.telephony.ai-leg-line}, naming the agent and department being bridged), spoken by the offline
 * engine at a phone line's 8 kHz and sent as Twilio wants it: mu-law, 20 ms (160-byte) frames, followed by the mark
 * {@value #LINE_SPOKEN}, which Twilio echoes once the line has been played.
 */
@ApplicationScoped
public class AiLegMedia {

    /** 20 ms of 8 kHz mu-law. */
    public static final int FRAME_BYTES = 160;

    /** The mark sent after the line: its echo says the line has been played. */
    public static final String LINE_SPOKEN = "ai_line_spoken";

    private static final String VOICE = "kevin"; // the local engine's 8 kHz voice

    /** The longest line the AI says (the column's width). */
    static final int LINE_MAX = 500;

    static final int SPOKEN_LINES = 64;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    TwilioSettings settings;

    @Inject
    LocalSpeech speech;

    @Inject
    @ConfigProperty(
            name = "vocelio.telephony.ai-leg-line",
            defaultValue = "Thank you for holding. {agent} from {department} is joining us now.")
    String line;

    @Inject
    @ConfigProperty(name = "vocelio.telephony.ai-leg-token-ttl", defaultValue = "PT2M")
    Duration tokenTtl;

    /**
     * How long after its cue a warm transfer's AI leg may take to say its line: a leg whose stream has not echoed the
     * mark after the line by then is hung up anyway.
     */
    @Inject
    @ConfigProperty(name = "vocelio.telephony.ai-leg-leave-timeout", defaultValue = "PT20S")
    Duration leaveTimeout;

    /**
     * How long after an answered agent's briefing should have been spoken the AI's line is cued anyway, should
     * Twilio's word that the agent's leg started the conference never reach us.
     */
    @Inject
    @ConfigProperty(name = "vocelio.telephony.ai-leg-cue-timeout", defaultValue = "PT10S")
    Duration cueTimeout;

    /** Lines spoken lately, as frames: a line names an agent and a department, so few lines come back often. */
    private final Map<String, List<byte[]>> spokenLines = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<byte[]>> eldest) {
            return size() > SPOKEN_LINES;
        }
    };

    public Duration leaveTimeout() {
        return leaveTimeout;
    }

    /**
     * When an agent's leg that answered now, and hears {@code briefing} first, has surely started the conference: the
     * briefing at a slow speaker's half a second a word, then {@code vocelio.telephony.ai-leg-cue-timeout}.
     */
    public Duration cueWithin(String briefing) {
        String words = briefing == null ? "" : briefing.strip();
        long count = words.isEmpty() ? 0 : words.split("\\s+").length;
        return cueTimeout.plusMillis(500 * count);
    }

    /** Who a valid token lets stream: the AI's leg {@code legSid} of the call {@code callSid}. */
    public record Grant(String callSid, String legSid) {}

    public String token(String callSid, String legSid, Instant now) {
        String payload = callSid + ":" + legSid + ":" + now.plus(tokenTtl).getEpochSecond();
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(payload));
    }

    /** Empty for anything but an unexpired token we signed. */
    public Optional<Grant> verify(String token, Instant now) {
        if (token == null || token.length() > 400 || settings.authToken().isEmpty()) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            String[] parts = payload.split(":");
            if (parts.length != 3 || !MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            if (Long.parseLong(parts[2]) <= now.getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Grant(parts[0], parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            String key = "vocelio-ai-leg:" + settings.authToken().orElseThrow();
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The hand-off line for {@code agent} of {@code department}: the configured line with its {@code {agent}} and
     * {@code {department}} filled in (at most {@value #LINE_MAX} characters).
     */
    public String handOffLine(String agent, String department) {
        String filled = line.replace("{agent}", agent.isBlank() ? "one of our specialists" : agent.strip())
                .replace("{department}", department.isBlank() ? "our team" : department.strip());
        return filled.length() > LINE_MAX ? filled.substring(0, LINE_MAX) : filled;
    }

    /**
     * {@code line} as 8 kHz mu-law frames (none named: the line for nobody in particular, as for a leg placed before
     * lines named the agent); a line spoken lately on this node is not spoken again.
     */
    public List<byte[]> lineFrames(String line) {
        String text = line == null || line.isBlank() ? handOffLine("", "") : line;
        synchronized (spokenLines) {
            var spoken = spokenLines.get(text);
            if (spoken != null) {
                return spoken;
            }
        }
        var audio = speech.synthesize(new Utterance(text, false, VOICE, "en-US", 1, 0, 100, AudioFormat.WAV));
        var spoken = frames(muLaw(audio.bytes()));
        synchronized (spokenLines) {
            spokenLines.put(text, spoken);
        }
        return spoken;
    }

    static List<byte[]> frames(byte[] ulaw) {
        var out = new ArrayList<byte[]>();
        for (int at = 0; at < ulaw.length; at += FRAME_BYTES) {
            byte[] frame = new byte[FRAME_BYTES];
            java.util.Arrays.fill(frame, (byte) 0xFF); // mu-law silence pads the last frame
            System.arraycopy(ulaw, at, frame, 0, Math.min(FRAME_BYTES, ulaw.length - at));
            out.add(frame);
        }
        return List.copyOf(out);
    }

    /** A 16-bit mono PCM WAV as 8 kHz mu-law (a 16 kHz one is halved, averaging each pair of samples). */
    static byte[] muLaw(byte[] wav) {
        var header = ByteBuffer.wrap(wav, 0, 44).order(ByteOrder.LITTLE_ENDIAN);
        int rate = header.getInt(24);
        int step = Math.max(1, rate / 8000);
        var samples = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        int count = (wav.length - 44) / 2 / step;
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            int sum = 0;
            for (int j = 0; j < step; j++) {
                sum += samples.getShort();
            }
            out[i] = encode(sum / step);
        }
        return out;
    }

    /** G.711 mu-law of one 16-bit sample. */
    static byte encode(int sample) {
        final int bias = 0x84;
        final int clip = 32635;
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), clip) + bias;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
