package com.vocelio.speech.control;

import com.vocelio.speech.entity.Audio;
import com.vocelio.speech.entity.AudioFormat;
import com.vocelio.speech.entity.Utterance;
import com.vocelio.speech.entity.Voice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Azure AI Speech over its REST API: the voices list ({@code /cognitiveservices/voices/list}) and synthesis
 * ({@code /cognitiveservices/v1}, SSML in, the output format named in {@code X-Microsoft-OutputFormat}). The key goes
 * in {@code Ocp-Apim-Subscription-Key}, or, where a token URL is configured, is exchanged there for a bearer token
 * that is reused for nine of its ten minutes.
 */
@ApplicationScoped
public class AzureSpeech implements SpeechProvider {

    public static final String NAME = "azure";
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(9);
    private static final double MP3_BYTES_PER_SECOND = 32_000 / 8.0; // audio-16khz-32kbitrate-mono-mp3

    @Inject
    @ConfigProperty(name = "azure.speech.key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "azure.speech.region", defaultValue = "eastus")
    String region;

    @Inject
    @ConfigProperty(name = "vocelio.speech.azure.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "vocelio.speech.azure.token-url")
    Optional<String> tokenUrl;

    @Inject
    ProviderHttp http;

    private volatile String token;
    private volatile Instant tokenUntil = Instant.MIN;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return key.filter(value -> !value.isBlank()).isPresent();
    }

    @Override
    public List<Voice> voices() {
        var list = http.json(
                NAME,
                authorized(http.request(base() + "/cognitiveservices/voices/list"))
                        .GET()
                        .build());
        if (!(list instanceof JsonArray voices)) {
            throw new ProviderFailure(NAME, "answered a voice list that is not a JSON array");
        }
        return voices.stream()
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .map(AzureSpeech::voice)
                .toList();
    }

    private static Voice voice(JsonObject azure) {
        String styles = azure.containsKey("StyleList") && azure.get("StyleList") instanceof JsonArray list
                ? String.join(
                        ",",
                        list.getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString)
                                .toList())
                : "";
        int rate;
        try {
            rate = Integer.parseInt(azure.getString("SampleRateHertz", "24000"));
        } catch (NumberFormatException e) {
            rate = 24000;
        }
        return new Voice(
                NAME,
                azure.getString("ShortName", azure.getString("Name", "")),
                azure.getString("DisplayName", azure.getString("LocalName", "")),
                azure.getString("Locale", ""),
                azure.getString("Gender", ""),
                styles,
                "Neural".equalsIgnoreCase(azure.getString("VoiceType", "")),
                rate,
                azure.getString("LocaleName", ""),
                null);
    }

    @Override
    public Audio synthesize(Utterance utterance) {
        AudioFormat format = formatOf(utterance);
        return audio(utterance, format, http.bytes(NAME, request(utterance, format)));
    }

    /**
     * The same request, its body passed on as Azure sends it (Azure answers chunked, starting before the whole text
     * is spoken).
     */
    @Override
    public AudioStream open(Utterance utterance) {
        AudioFormat format = formatOf(utterance);
        return new BodyStream(
                NAME,
                utterance.voiceId(),
                format.mediaType(),
                http.stream(NAME, request(utterance, format)),
                new byte[0],
                sent -> audio(utterance, format, sent));
    }

    private static AudioFormat formatOf(Utterance utterance) {
        return utterance.format() == null ? AudioFormat.MP3 : utterance.format();
    }

    private HttpRequest request(Utterance utterance, AudioFormat format) {
        return authorized(http.request(base() + "/cognitiveservices/v1"))
                .header("Content-Type", "application/ssml+xml")
                .header(
                        "X-Microsoft-OutputFormat",
                        format == AudioFormat.WAV ? "riff-16khz-16bit-mono-pcm" : "audio-16khz-32kbitrate-mono-mp3")
                .header("User-Agent", "vocelio")
                .POST(HttpRequest.BodyPublishers.ofString(ssml(utterance), StandardCharsets.UTF_8))
                .build();
    }

    private static Audio audio(Utterance utterance, AudioFormat format, byte[] bytes) {
        if (bytes.length == 0) {
            throw new ProviderFailure(NAME, "answered no audio");
        }
        double seconds = format == AudioFormat.WAV ? Wav.seconds(bytes) : bytes.length / MP3_BYTES_PER_SECOND;
        return new Audio(bytes, format.mediaType(), NAME, utterance.voiceId(), seconds, false);
    }

    /** The client's own SSML as it is; plain text inside a voice and prosody element, escaped. */
    static String ssml(Utterance utterance) {
        if (utterance.ssml()) {
            return utterance.text();
        }
        String language = utterance.language().isEmpty() ? languageOf(utterance.voiceId()) : utterance.language();
        return "<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='" + escape(language) + "'>"
                + "<voice name='" + escape(utterance.voiceId()) + "'>"
                + "<prosody rate='" + percent(utterance.speed() * 100 - 100) + "' pitch='" + percent(utterance.pitch())
                + "' volume='" + Math.round(utterance.volume()) + "'>"
                + escape(utterance.text())
                + "</prosody></voice></speak>";
    }

    private static String percent(double change) {
        long rounded = Math.round(change);
        return (rounded >= 0 ? "+" : "") + rounded + "%";
    }

    private static String languageOf(String voiceId) {
        String[] parts = voiceId.split("-");
        return parts.length >= 2 ? parts[0] + "-" + parts[1] : "en-US";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&apos;")
                .replace("\"", "&quot;");
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (tokenUrl.filter(value -> !value.isBlank()).isEmpty()) {
            return request.header("Ocp-Apim-Subscription-Key", key.orElse(""));
        }
        return request.header("Authorization", "Bearer " + token());
    }

    private synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenUntil)) {
            byte[] issued = http.bytes(
                    NAME,
                    http.request(tokenUrl.orElseThrow())
                            .header("Ocp-Apim-Subscription-Key", key.orElse(""))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build());
            token = new String(issued, StandardCharsets.UTF_8).strip();
            tokenUntil = Instant.now().plus(TOKEN_REUSE);
        }
        return token;
    }

    private String base() {
        return url.filter(value -> !value.isBlank())
                .map(value -> value.replaceAll("/+$", ""))
                .orElse("https://" + region.strip().toLowerCase(Locale.ROOT) + ".tts.speech.microsoft.com");
    }
}
