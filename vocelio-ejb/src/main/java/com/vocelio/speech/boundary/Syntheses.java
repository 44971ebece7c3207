package com.vocelio.speech.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.speech.control.AudioCache;
import com.vocelio.speech.control.AudioStream;
import com.vocelio.speech.control.ProviderFailure;
import com.vocelio.speech.control.SpeechMeter;
import com.vocelio.speech.control.SpeechPlan;
import com.vocelio.speech.control.SpeechPlanner;
import com.vocelio.speech.control.SpeechProvider.AudioSink;
import com.vocelio.speech.control.TierCatalog;
import com.vocelio.speech.entity.Audio;
import com.vocelio.speech.entity.Tier;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
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
        return speak(plan(request));
    }

    /** A voice's sample: the preview sentence in that voice, through whichever provider has it. */
    public Audio preview(String voiceId, String provider) {
        return speak(plan(SynthesisRequest.of(previewText, voiceId, provider)));
    }

    /** Speaks a plan whole, falling back to the local engine where the plan allows. */
    public Audio speak(SpeechPlan plan) {
        return metered(plan, withFallback(plan, this::served));
    }

    /**
     * Starts speaking a plan as it is produced: returns once the provider has accepted it (or the cache holds it),
     * so who speaks is settled before any answer is committed; a provider that fails to start falls back here.
     * {@link #pour} then sends the audio.
     */
    public Speech open(SpeechPlan plan) {
        return withFallback(plan, this::opened);
    }

    private <T> T withFallback(SpeechPlan plan, Function<SpeechPlan, T> attempt) {
        try {
            try {
                return attempt.apply(plan);
            } catch (ProviderFailure failure) {
                if (!plan.fallsBack()) {
                    throw failure;
                }
                return attempt.apply(planner.local(plan));
            }
        } catch (ProviderFailure failure) {
            throw new ProviderFailedException(failure.provider(), failure.reason());
        }
    }

    /** Sends an opened synthesis to {@code sink} as it comes, then caches and meters it whole. */
    public Audio pour(Speech speech, AudioSink sink) {
        Audio audio;
        try (var stream = speech.stream()) {
            audio = stream.pour(sink);
        } catch (ProviderFailure failure) { // part of the audio has left: nothing can fall back any more
            throw new ProviderFailedException(failure.provider(), failure.reason());
        }
        if (!audio.cached()) {
            cache.store(speech.cacheKey(), audio);
        }
        return metered(speech.plan(), audio);
    }

    private Speech opened(SpeechPlan plan) {
        String key = plan.utterance().cacheKey(plan.providerName());
        var stream = cache.find(key).map(AudioStream::whole).orElseGet(() -> plan.provider()
                .open(plan.utterance()));
        return new Speech(plan, stream, key);
    }

    private Audio metered(SpeechPlan plan, Audio audio) {
        String tier =
                tiers.of(audio.provider(), audio.voiceId()).map(Tier::name).orElse(audio.provider());
        meter.record(tier, audio, plan.utterance().plainText().length(), Clocks.now(clock));
        return audio;
    }

    private Audio served(SpeechPlan plan) {
        String key = plan.utterance().cacheKey(plan.providerName());
        var cached = cache.find(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Audio audio = plan.provider().synthesize(plan.utterance());
        cache.store(key, audio);
        return audio;
    }

    public List<SpeechMeter.Total> usageSince(OffsetDateTime since) {
        return meter.totals(since);
    }

    public AudioCache.Statistics cacheStatistics() {
        return cache.statistics();
    }
}
