package com.vocelio.speech.control;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.speech.entity.Tier;
import com.vocelio.speech.entity.Utterance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Decides who speaks: the provider asked for, or for {@code auto} the one that has the voice (a tier offering it,
 * else a provider whose list holds it) or, with no voice named, the best configured one. A provider without keys is
 * never asked: the local engine speaks instead, in its own default voice. A voice the chosen provider does not list
 * is the client's mistake (400); a provider whose list cannot be had is a failure ({@link ProviderFailure}) for an
 * explicit choice, and the local engine's turn for {@code auto}.
 */
@ApplicationScoped
public class SpeechPlanner {

    public static final String AUTO = "auto";

    @Inject
    SpeechProviders providers;

    @Inject
    VoiceCatalog catalog;

    @Inject
    TierCatalog tiers;

    public SpeechPlan plan(String asked, Utterance utterance) {
        boolean auto = AUTO.equals(asked);
        SpeechProvider chosen = auto
                ? providerOf(utterance.voiceId())
                : providers.named(asked).orElseThrow(() -> BusinessException.invalid("provider", "is unknown"));
        if (!chosen.configured()) {
            return local(new SpeechPlan(chosen, utterance, false));
        }
        String voice = utterance.voiceId().isEmpty() ? defaultVoice(chosen) : utterance.voiceId();
        VoiceCatalog.Listing listing;
        try {
            listing = catalog.voices(chosen);
        } catch (ProviderFailure failure) {
            if (auto) {
                return local(new SpeechPlan(chosen, utterance, false));
            }
            throw failure;
        }
        if (listing.find(voice).isEmpty()) {
            throw BusinessException.invalid("voice_id", "is not a voice of " + chosen.name() + ": '" + voice + "'");
        }
        return new SpeechPlan(chosen, utterance.withVoice(voice), auto && chosen != providers.local());
    }

    /** The same utterance by the local engine: in the voice asked if it is one of its own, else its default. */
    public SpeechPlan local(SpeechPlan plan) {
        SpeechProvider local = providers.local();
        String voice = plan.utterance().voiceId();
        boolean own =
                local.voices().stream().anyMatch(candidate -> candidate.id().equals(voice));
        return new SpeechPlan(local, plan.utterance().withVoice(own ? voice : LocalSpeech.DEFAULT_VOICE), false);
    }

    private SpeechProvider providerOf(String voiceId) {
        if (voiceId.isEmpty()) {
            return providers.all().stream()
                    .filter(SpeechProvider::configured)
                    .findFirst()
                    .orElse(providers.local());
        }
        if (providers.local().voices().stream().anyMatch(voice -> voice.id().equals(voiceId))) {
            return providers.local();
        }
        Optional<SpeechProvider> byTier = tiers.all().stream()
                .filter(tier -> tier.offers(voiceId))
                .map(Tier::provider)
                .flatMap(name -> providers.named(name).stream())
                .findFirst();
        if (byTier.isPresent()) {
            return byTier.get();
        }
        for (SpeechProvider provider : providers.all()) {
            if (provider.configured() && listed(provider, voiceId)) {
                return provider;
            }
        }
        throw BusinessException.invalid("voice_id", "is not a voice of any provider: '" + voiceId + "'");
    }

    private boolean listed(SpeechProvider provider, String voiceId) {
        try {
            return catalog.voices(provider).find(voiceId).isPresent();
        } catch (ProviderFailure failure) {
            return false;
        }
    }

    private String defaultVoice(SpeechProvider provider) {
        return tiers.all().stream()
                .filter(tier -> tier.provider().equals(provider.name())
                        && !tier.voices().isEmpty())
                .map(tier -> tier.voices().get(0))
                .findFirst()
                .orElseGet(() -> catalog.voices(provider).voices().stream()
                        .findFirst()
                        .map(com.vocelio.speech.entity.Voice::id)
                        .orElseThrow(() -> new ProviderFailure(provider.name(), "lists no voices")));
    }
}
