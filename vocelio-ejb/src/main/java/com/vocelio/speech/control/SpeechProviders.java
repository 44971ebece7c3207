package com.vocelio.speech.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** The providers by wire name, best first: the order {@code auto} tries them in when a voice names none. */
@ApplicationScoped
public class SpeechProviders {

    @Inject
    ElevenLabsSpeech elevenLabs;

    @Inject
    AzureSpeech azure;

    @Inject
    PiperSpeech piper;

    @Inject
    LocalSpeech local;

    public List<SpeechProvider> all() {
        return List.of(elevenLabs, azure, piper, local);
    }

    public Optional<SpeechProvider> named(String name) {
        return all().stream().filter(provider -> provider.name().equals(name)).findFirst();
    }

    public SpeechProvider local() {
        return local;
    }
}
