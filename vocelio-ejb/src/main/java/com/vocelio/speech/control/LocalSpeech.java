package com.vocelio.speech.control;

import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import com.vocelio.speech.entity.Audio;
import com.vocelio.speech.entity.AudioFormat;
import com.vocelio.speech.entity.Utterance;
import com.vocelio.speech.entity.Voice;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FreeTTS, in this JVM: speech with no keys and no network, 16-bit mono WAV. Its voices are loaded straight from
 * their directory class (not through FreeTTS's {@code VoiceManager}, whose look-up by class name and system class
 * path fails inside an application server). A FreeTTS voice speaks one text at a time, so each voice is a small pool
 * of allocated instances, one per core at most, loaded on first use (about half a second each). Where the machine
 * has eSpeak NG, its voices ({@link Espeak}) are this engine's too.
 */
@ApplicationScoped
public class LocalSpeech implements SpeechProvider {

    public static final String NAME = "local";

    /** The telephony voice (8 kHz, like a phone line) and the clearer 16 kHz one; the latter is the default. */
    private static final Map<String, Voice> VOICES = List.of(
                    new Voice(NAME, "kevin16", "Kevin", "en-US", "male", "general", false, 16000, "american", null),
                    new Voice(
                            NAME, "kevin", "Kevin (8 kHz)", "en-US", "male", "general", false, 8000, "american", null))
            .stream()
            .collect(Collectors.toMap(Voice::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));

    public static final String DEFAULT_VOICE = "kevin16";

    private static final int POOL = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final float NORMAL_RATE = 150f; // FreeTTS's words per minute
    private static final float NORMAL_PITCH = 100f; // Hz

    private final Map<String, LinkedBlockingQueue<com.sun.speech.freetts.Voice>> idle = new ConcurrentHashMap<>();
    private final Map<String, Integer> allocated = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Inject
    Espeak espeak;

    /** FreeTTS's voices first (kevin16 is the default), then eSpeak NG's where it is installed. */
    @Override
    public List<Voice> voices() {
        var all = new ArrayList<>(VOICES.values());
        all.addAll(espeak.voices());
        return all;
    }

    @Override
    public Audio synthesize(Utterance utterance) {
        if (espeak.speaks(utterance.voiceId())) {
            byte[] wav = espeak.speak(utterance);
            return new Audio(wav, AudioFormat.WAV.mediaType(), NAME, utterance.voiceId(), Wav.seconds(wav), false);
        }
        var pcm = new ByteArrayOutputStream();
        int rate = speak(utterance, pcm::writeBytes);
        byte[] wav = Wav.of(pcm.toByteArray(), rate);
        return new Audio(wav, AudioFormat.WAV.mediaType(), NAME, utterance.voiceId(), Wav.seconds(wav), false);
    }

    /**
     * FreeTTS speaks when the stream is poured: a WAV header with open length first, then each sentence's samples as
     * soon as FreeTTS has them. eSpeak NG's output comes whole.
     */
    @Override
    public AudioStream open(Utterance utterance) {
        if (espeak.speaks(utterance.voiceId())) {
            return AudioStream.whole(synthesize(utterance));
        }
        if (!VOICES.containsKey(utterance.voiceId())) {
            throw new ProviderFailure(NAME, "has no voice '" + utterance.voiceId() + "'");
        }
        return new AudioStream() {
            @Override
            public String provider() {
                return NAME;
            }

            @Override
            public String voiceId() {
                return utterance.voiceId();
            }

            @Override
            public String mediaType() {
                return AudioFormat.WAV.mediaType();
            }

            @Override
            public boolean cached() {
                return false;
            }

            @Override
            public Audio pour(AudioSink sink) {
                sink.accept(Wav.header(sampleRate(utterance.voiceId()), Wav.UNKNOWN_LENGTH));
                var pcm = new ByteArrayOutputStream();
                int rate = speak(utterance, chunk -> {
                    pcm.writeBytes(chunk);
                    sink.accept(chunk);
                });
                byte[] wav = Wav.of(pcm.toByteArray(), rate);
                return new Audio(wav, AudioFormat.WAV.mediaType(), NAME, utterance.voiceId(), Wav.seconds(wav), false);
            }
        };
    }

    private static int sampleRate(String voiceId) {
        return VOICES.get(voiceId).sampleRate();
    }

    /** @return the sample rate of what went to {@code pcm}: little-endian 16-bit mono samples */
    private int speak(Utterance utterance, AudioSink pcm) {
        if (!VOICES.containsKey(utterance.voiceId())) {
            throw new ProviderFailure(NAME, "has no voice '" + utterance.voiceId() + "'");
        }
        var voice = borrow(utterance.voiceId());
        try {
            var player = new CollectingPlayer(utterance.volume() / 100.0, pcm);
            voice.setAudioPlayer(player);
            voice.setRate((float) (NORMAL_RATE * utterance.speed()));
            voice.setPitch((float) (NORMAL_PITCH * (1 + utterance.pitch() / 100.0)));
            if (!voice.speak(utterance.plainText())) {
                throw new ProviderFailure(NAME, "FreeTTS could not speak the text");
            }
            return player.sampleRate(sampleRate(utterance.voiceId()));
        } finally {
            voice.setAudioPlayer(null);
            idle.get(utterance.voiceId()).offer(voice);
        }
    }

    private com.sun.speech.freetts.Voice borrow(String voiceId) {
        var pool = idle.computeIfAbsent(voiceId, id -> new LinkedBlockingQueue<>());
        var voice = pool.poll();
        if (voice != null) {
            return voice;
        }
        boolean mayGrow;
        synchronized (allocated) {
            int count = allocated.getOrDefault(voiceId, 0);
            mayGrow = count < POOL;
            if (mayGrow) {
                allocated.put(voiceId, count + 1);
            }
        }
        if (mayGrow) {
            return allocate(voiceId);
        }
        try {
            voice = pool.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (voice == null) {
            throw new ProviderFailure(NAME, "is busy: no voice came free within 30 s");
        }
        return voice;
    }

    private static com.sun.speech.freetts.Voice allocate(String voiceId) {
        var voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                .filter(candidate -> candidate.getName().equals(voiceId))
                .findFirst()
                .orElseThrow(() -> new ProviderFailure(NAME, "FreeTTS lacks its voice '" + voiceId + "'"));
        voice.allocate();
        return voice;
    }

    @PreDestroy
    void release() {
        idle.values().forEach(pool -> pool.forEach(com.sun.speech.freetts.Voice::deallocate));
    }
}
