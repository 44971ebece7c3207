package com.vocelio.speech.control;

import com.vocelio.platform.control.Jsons;
import com.vocelio.speech.entity.Audio;
import com.vocelio.speech.entity.AudioFormat;
import com.vocelio.speech.entity.Utterance;
import com.vocelio.speech.entity.Voice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ElevenLabs over its REST API: {@code /v1/voices}, and {@code /v1/text-to-speech/{voice_id}} whole or
 * {@code …/stream} as produced, with the key in {@code xi-api-key}. MP3 comes as ElevenLabs sends it; WAV is asked as
 * raw 16 kHz PCM and given its header here. ElevenLabs reads no SSML, so SSML is spoken as its text.
 */
@ApplicationScoped
public class ElevenLabsSpeech implements SpeechProvider {

    public static final String NAME = "elevenlabs";
    private static final int PCM_RATE = 16000;
    private static final double MP3_BYTES_PER_SECOND = 128_000 / 8.0; // mp3_44100_128

    @Inject
    @ConfigProperty(name = "elevenlabs.api.key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "vocelio.speech.elevenlabs.url", defaultValue = "https://api.elevenlabs.io")
    String url;

    @Inject
    @ConfigProperty(name = "vocelio.speech.elevenlabs.model", defaultValue = "eleven_multilingual_v2")
    String model;

    @Inject
    ProviderHttp http;

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
        var answer = http.json(
                NAME,
                http.request(base() + "/v1/voices")
                        .header("xi-api-key", key.orElse(""))
                        .GET()
                        .build());
        if (!(answer instanceof JsonObject object) || !(object.get("voices") instanceof JsonArray voices)) {
            throw new ProviderFailure(NAME, "answered a voice list without a 'voices' array");
        }
        return voices.stream()
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .map(ElevenLabsSpeech::voice)
                .toList();
    }

    private static Voice voice(JsonObject eleven) {
        JsonObject labels = eleven.get("labels") instanceof JsonObject object ? object : JsonObject.EMPTY_JSON_OBJECT;
        String language = labels.getString("language", "");
        if (language.isEmpty()
                && eleven.get("verified_languages") instanceof JsonArray verified
                && !verified.isEmpty()
                && verified.get(0) instanceof JsonObject first) {
            language = first.getString("locale", first.getString("language", ""));
        }
        return new Voice(
                NAME,
                eleven.getString("voice_id", ""),
                eleven.getString("name", ""),
                language.isEmpty() ? "en" : language,
                labels.getString("gender", ""),
                labels.getString("use_case", labels.getString("description", "")),
                true,
                44100,
                labels.getString("accent", ""),
                eleven.getString("preview_url", null));
    }

    @Override
    public Audio synthesize(Utterance utterance) {
        AudioFormat format = formatOf(utterance);
        byte[] bytes = http.bytes(NAME, request(utterance, format, ""));
        if (bytes.length == 0) {
            throw new ProviderFailure(NAME, "answered no audio");
        }
        return audio(utterance, format, format == AudioFormat.WAV ? Wav.of(bytes, PCM_RATE) : bytes);
    }

    /** The {@code /stream} endpoint, passed on as it arrives; WAV is its raw PCM behind a header of open length. */
    @Override
    public AudioStream open(Utterance utterance) {
        AudioFormat format = formatOf(utterance);
        InputStream body = http.stream(NAME, request(utterance, format, "/stream"));
        boolean wav = format == AudioFormat.WAV;
        return new BodyStream(
                NAME,
                utterance.voiceId(),
                format.mediaType(),
                body,
                wav ? Wav.header(PCM_RATE, Wav.UNKNOWN_LENGTH) : new byte[0],
                sent -> {
                    byte[] file =
                            wav ? Wav.of(Arrays.copyOfRange(sent, Wav.HEADER_BYTES, sent.length), PCM_RATE) : sent;
                    if (file.length == (wav ? Wav.HEADER_BYTES : 0)) {
                        throw new ProviderFailure(NAME, "answered no audio");
                    }
                    return audio(utterance, format, file);
                });
    }

    private static AudioFormat formatOf(Utterance utterance) {
        return utterance.format() == null ? AudioFormat.MP3 : utterance.format();
    }

    private static Audio audio(Utterance utterance, AudioFormat format, byte[] file) {
        double seconds = format == AudioFormat.WAV ? Wav.seconds(file) : file.length / MP3_BYTES_PER_SECOND;
        return new Audio(file, format.mediaType(), NAME, utterance.voiceId(), seconds, false);
    }

    private HttpRequest request(Utterance utterance, AudioFormat format, String suffix) {
        var settings = Jsons.objectBuilder()
                .add("stability", 0.5)
                .add("similarity_boost", 0.75)
                // ElevenLabs takes 0.7–1.2; beyond that it refuses the request
                .add("speed", Math.max(0.7, Math.min(1.2, utterance.speed())));
        var body = Jsons.objectBuilder()
                .add("text", utterance.plainText())
                .add("model_id", model)
                .add("voice_settings", settings);
        String outputFormat = format == AudioFormat.WAV ? "pcm_" + PCM_RATE : "mp3_44100_128";
        return http.request(base() + "/v1/text-to-speech/"
                        + URLEncoder.encode(utterance.voiceId(), StandardCharsets.UTF_8) + suffix + "?output_format="
                        + outputFormat)
                .header("xi-api-key", key.orElse(""))
                .header("Content-Type", "application/json")
                .header("Accept", format.mediaType())
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString(), StandardCharsets.UTF_8))
                .build();
    }

    private String base() {
        return url.strip().replaceAll("/+$", "");
    }
}
