package com.vocelio.speech.control;

import com.vocelio.speech.entity.Utterance;
import com.vocelio.speech.entity.Voice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * eSpeak NG, where the machine has it (Debian package {@code espeak-ng}): a hundred-odd languages FreeTTS does not
 * speak, offered as more voices of the local engine ({@code espeak-<language>}). Run as a process per synthesis, the
 * text on its standard input (never on the command line), SSML read as SSML ({@code -m}), bounded by
 * {@code vocelio.speech.timeout}. Without the program there are simply no such voices.
 */
@ApplicationScoped
public class Espeak {

    public static final String PREFIX = "espeak-";
    private static final int NORMAL_WORDS_PER_MINUTE = 175;

    @Inject
    @ConfigProperty(name = "vocelio.speech.espeak.command", defaultValue = "espeak-ng")
    String command;

    @Inject
    @ConfigProperty(name = "vocelio.speech.timeout", defaultValue = "PT15S")
    Duration timeout;

    private volatile List<Voice> voices;

    public List<Voice> voices() {
        if (voices == null) {
            voices = list();
        }
        return voices;
    }

    public boolean speaks(String voiceId) {
        return voiceId.startsWith(PREFIX)
                && voices().stream().anyMatch(voice -> voice.id().equals(voiceId));
    }

    private List<Voice> list() {
        if (command.isBlank() || command.equals("none")) {
            return List.of();
        }
        try {
            String table = new String(run(List.of(command, "--voices"), new byte[0]), StandardCharsets.UTF_8);
            Map<String, Voice> byLanguage = new LinkedHashMap<>();
            table.lines()
                    .skip(1)
                    .map(line -> line.strip().split("\\s+"))
                    .filter(row -> row.length >= 4)
                    .forEach(row -> {
                        String language = row[1];
                        byLanguage.putIfAbsent(
                                language,
                                new Voice(
                                        LocalSpeech.NAME,
                                        PREFIX + language,
                                        "eSpeak " + row[3].replace('_', ' '),
                                        tag(language),
                                        row[2].endsWith("F") ? "female" : row[2].endsWith("M") ? "male" : "",
                                        "espeak",
                                        false,
                                        22050,
                                        "",
                                        null));
                    });
            return List.copyOf(byLanguage.values());
        } catch (ProviderFailure e) {
            return List.of(); // not installed (or broken): FreeTTS alone
        }
    }

    /** {@code en-us} as {@code en-US}. */
    private static String tag(String language) {
        String[] parts = language.split("-");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].length() == 2) {
                parts[i] = parts[i].toUpperCase(Locale.ROOT);
            }
        }
        return String.join("-", parts);
    }

    /** The utterance as a canonical WAV file (eSpeak writes its streaming header with open lengths). */
    public byte[] speak(Utterance utterance) {
        var arguments = new ArrayList<>(List.of(
                command,
                "-v",
                utterance.voiceId().substring(PREFIX.length()),
                "-s",
                Long.toString(Math.round(NORMAL_WORDS_PER_MINUTE * utterance.speed())),
                "-p",
                Long.toString(Math.round(50 + utterance.pitch())), // 0–99, 50 is the voice's own
                "-a",
                Long.toString(Math.round(utterance.volume())), // 0–200, 100 is normal
                "--stdin",
                "--stdout"));
        if (utterance.ssml()) {
            arguments.add("-m");
        }
        byte[] output = run(arguments, utterance.text().getBytes(StandardCharsets.UTF_8));
        if (!Wav.isWav(output)) {
            throw new ProviderFailure(LocalSpeech.NAME, "eSpeak wrote no WAV audio");
        }
        int rate = ByteBuffer.wrap(output).order(ByteOrder.LITTLE_ENDIAN).getInt(24);
        return Wav.of(Arrays.copyOfRange(output, Wav.HEADER_BYTES, output.length), rate);
    }

    private byte[] run(List<String> arguments, byte[] input) {
        Process process;
        try {
            process = new ProcessBuilder(arguments)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new ProviderFailure(LocalSpeech.NAME, "cannot start " + command, e);
        }
        try (InputStream stdout = process.getInputStream()) {
            var output = CompletableFuture.supplyAsync(() -> readAll(stdout));
            try (var stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProviderFailure(
                        LocalSpeech.NAME, "eSpeak did not finish within " + timeout.toMillis() + " ms");
            }
            if (process.exitValue() != 0) {
                throw new ProviderFailure(LocalSpeech.NAME, "eSpeak failed (exit " + process.exitValue() + ")");
            }
            return output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ProviderFailure e) {
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ProviderFailure(
                    LocalSpeech.NAME, "eSpeak failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            var out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
