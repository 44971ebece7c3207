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
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Piper, the open-source neural engine, reached as a Piper HTTP server ({@code python3 -m piper.http_server}):
 * {@code GET /voices} lists the voices it has, {@code POST /} with {@code {text, voice, length_scale}} answers WAV.
 * Configured by its URL alone; it reads no SSML.
 */
@ApplicationScoped
public class PiperSpeech implements SpeechProvider {

    public static final String NAME = "piper";

    @Inject
    @ConfigProperty(name = "vocelio.speech.piper.url")
    Optional<String> url;

    @Inject
    ProviderHttp http;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return url.filter(value -> !value.isBlank()).isPresent();
    }

    /** The server answers an object of voice configurations by name, or (older servers) an array of names. */
    @Override
    public List<Voice> voices() {
        JsonValue answer =
                http.json(NAME, http.request(base() + "/voices").GET().build());
        List<Voice> voices = new ArrayList<>();
        if (answer instanceof JsonObject byName) {
            for (Map.Entry<String, JsonValue> entry : byName.entrySet()) {
                JsonObject config =
                        entry.getValue() instanceof JsonObject object ? object : JsonObject.EMPTY_JSON_OBJECT;
                voices.add(voice(entry.getKey(), config));
            }
        } else if (answer instanceof JsonArray names) {
            names.stream()
                    .filter(JsonString.class::isInstance)
                    .map(name -> voice(((JsonString) name).getString(), JsonObject.EMPTY_JSON_OBJECT))
                    .forEach(voices::add);
        } else {
            throw new ProviderFailure(NAME, "answered a voice list that is neither an object nor an array");
        }
        return voices;
    }

    private static Voice voice(String name, JsonObject config) {
        JsonObject language =
                config.get("language") instanceof JsonObject object ? object : JsonObject.EMPTY_JSON_OBJECT;
        JsonObject audio = config.get("audio") instanceof JsonObject object ? object : JsonObject.EMPTY_JSON_OBJECT;
        String[] parts = name.split("-"); // en_US-lessac-medium
        String code = language.getString("code", parts[0]).replace('_', '-');
        return new Voice(
                NAME,
                name,
                parts.length > 1 ? parts[1] : name,
                code,
                "",
                parts.length > 2 ? parts[2] : "",
                true,
                audio.getInt("sample_rate", 22050),
                language.getString("country_english", ""),
                null);
    }

    @Override
    public Audio synthesize(Utterance utterance) {
        return audio(utterance, http.bytes(NAME, request(utterance)));
    }

    /**
     * The WAV passed on as Piper sends it. Its first twelve bytes are read here, so an answer that is not WAV still
     * counts as the provider failing before anything has left.
     */
    @Override
    public AudioStream open(Utterance utterance) {
        InputStream body = http.stream(NAME, request(utterance));
        byte[] head;
        try {
            head = body.readNBytes(12);
        } catch (IOException e) {
            close(body);
            throw new ProviderFailure(
                    NAME, "broke off its answer (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!Wav.isRiffWave(head)) {
            close(body);
            throw new ProviderFailure(NAME, "answered something that is not a WAV file");
        }
        return new BodyStream(
                NAME, utterance.voiceId(), AudioFormat.WAV.mediaType(), body, head, sent -> audio(utterance, sent));
    }

    private HttpRequest request(Utterance utterance) {
        var body = Jsons.objectBuilder()
                .add("text", utterance.plainText())
                .add("voice", utterance.voiceId())
                .add("length_scale", 1.0 / utterance.speed()); // Piper's is a duration factor
        return http.request(base() + "/")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString(), StandardCharsets.UTF_8))
                .build();
    }

    private static Audio audio(Utterance utterance, byte[] wav) {
        if (!Wav.isWav(wav)) {
            throw new ProviderFailure(NAME, "answered something that is not a WAV file");
        }
        return new Audio(wav, AudioFormat.WAV.mediaType(), NAME, utterance.voiceId(), Wav.seconds(wav), false);
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // nothing more to read from it either way
        }
    }

    private String base() {
        return url.orElse("").strip().replaceAll("/+$", "");
    }
}
