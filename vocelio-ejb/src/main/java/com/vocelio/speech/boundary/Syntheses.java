package com.vocelio.speech.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.speech.control.AudioCache;
import com.vocelio.speech.control.ProviderFailure;
import com.vocelio.speech.control.SpeechMeter;
import com.vocelio.speech.control.SpeechPlan;
import com.vocelio.speech.control.SpeechPlanner;
import com.vocelio.speech.control.SpeechProvider;
import com.vocelio.speech.control.SpeechProvider.AudioSink;
import com.vocelio.speech.control.TierCatalog;
import com.vocelio.speech.entity.Audio;
import com.vocelio.speech.entity.Tier;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Speech for the caller's organization: checks the request, plans who speaks it ({@link SpeechPlanner}), serves it
 * from the content-addressed cache or the provider, falls back to the local engine where the plan allows, and meters
 * every synthesis served by tier. A provider that fails without a fallback is a {@link ProviderFailedException}
 * (502). The cache is read and written in its own short transactions; this one writes only the usage row.
 */
@Stateless
@UnitOfWork
public class Syntheses {

    @Inject
    SpeechPlanner planner;

    @Inject
    AudioCache cache;

    @Inject
    SpeechMeter meter;

    @Inject
    TierCatalog tiers;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.speech.max-characters", defaultValue = "5000")
    int maxCharacters;

    @Inject
    @ConfigProperty(
            name = "vocelio.speech.preview-text",
            defaultValue = "Hello! This is how I sound. Thank you for calling, how can I help you today?")
    String previewText;

    /** Checks a request and decides who speaks it; nothing is synthesized yet. */
    public SpeechPlan plan(SynthesisRequest request) {
        var asked = request.read(maxCharacters);
        try {
            return planner.plan(asked.provider(), asked.utterance());
        } catch (ProviderFailure failure) {
            throw new ProviderFailedException(failure.provider(), failure.reason());
        }
    }

    public Audio synthesize(SynthesisRequest request) {
        return speak(plan(request), null);
    }

    /** A voice's sample: the preview sentence in that voice, through whichever provider has it. */
    public Audio preview(String voiceId, String provider) {
        return speak(plan(SynthesisRequest.of(previewText, voiceId, provider)), null);
    }

    /**
     * Speaks a plan, whole or (with a sink) as it is produced. A streamed synthesis can still fall back as long as
     * nothing has left; after the first chunk a failure breaks the stream off.
     */
    public Audio speak(SpeechPlan plan, AudioSink sink) {
        Watched watched = sink == null ? null : new Watched(sink);
        Audio audio;
        try {
            audio = served(plan.provider(), plan, watched);
        } catch (ProviderFailure failure) {
            if (!plan.fallsBack() || watched != null && watched.started) {
                throw new ProviderFailedException(failure.provider(), failure.reason());
            }
            SpeechPlan local = planner.local(plan);
            try {
                audio = served(local.provider(), local, watched);
            } catch (ProviderFailure alsoLocal) {
                throw new ProviderFailedException(alsoLocal.provider(), alsoLocal.reason());
            }
        }
        String tier =
                tiers.of(audio.provider(), audio.voiceId()).map(Tier::name).orElse(audio.provider());
        meter.record(tier, audio, plan.utterance().plainText().length(), Clocks.now(clock));
        return audio;
    }

    private Audio served(SpeechProvider provider, SpeechPlan plan, Watched sink) {
        String key = plan.utterance().cacheKey(provider.name());
        var cached = cache.find(key);
        if (cached.isPresent()) {
            if (sink != null) {
                sink.begin(cached.get().mediaType());
                sink.accept(cached.get().bytes());
            }
            return cached.get();
        }
        Audio audio = sink == null ? provider.synthesize(plan.utterance()) : provider.stream(plan.utterance(), sink);
        cache.store(key, audio);
        return audio;
    }

    public List<SpeechMeter.Total> usageSince(OffsetDateTime since) {
        return meter.totals(since);
    }

    public AudioCache.Statistics cacheStatistics() {
        return cache.statistics();
    }

    /** Remembers whether audio has left, which decides whether a failure may still fall back. */
    private static final class Watched implements AudioSink {

        private final AudioSink sink;
        private boolean started;

        Watched(AudioSink sink) {
            this.sink = sink;
        }

        @Override
        public void begin(String mediaType) {
            started = true;
            sink.begin(mediaType);
        }

        @Override
        public void accept(byte[] chunk) {
            started = true;
            sink.accept(chunk);
        }
    }
}
