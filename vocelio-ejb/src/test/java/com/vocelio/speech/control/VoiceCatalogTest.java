package com.vocelio.speech.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.speech.entity.Audio;
import com.vocelio.speech.entity.Utterance;
import com.vocelio.speech.entity.Voice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceCatalogTest {

    /** A provider whose list can be made to fail, counting how often it is asked. */
    static final class Provider implements SpeechProvider {
        boolean down;
        int asked;
        String voice = "a";

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public List<Voice> voices() {
            asked++;
            if (down) {
                throw new ProviderFailure("fake", "is down");
            }
            return List.of(new Voice("fake", voice, "", "", "", "", true, 0, "", ""));
        }

        @Override
        public Audio synthesize(Utterance utterance) {
            throw new AssertionError("the voice catalog lists voices; it never synthesizes");
        }
    }

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Provider provider = new Provider();
    private final Hands clock = new Hands();
    private final VoiceCatalog catalog = new VoiceCatalog();

    {
        catalog.ttl = Duration.ofMinutes(10);
        catalog.retry = Duration.ofSeconds(30);
        catalog.clock = clock;
    }

    @Test
    void aListIsKeptForItsTtlThenFetchedAgain() {
        var first = catalog.voices(provider);
        assertSame(first, catalog.voices(provider));
        assertEquals(1, provider.asked);
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        provider.voice = "b";
        assertEquals("b", catalog.voices(provider).voices().get(0).id());
        assertEquals(2, provider.asked);
    }

    @Test
    void aProviderThatIsDownServesItsLastGoodListAsStaleAndIsNotAskedAgainAtOnce() {
        catalog.voices(provider);
        provider.down = true;
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        var stale = catalog.voices(provider);
        assertTrue(stale.stale());
        assertEquals("a", stale.voices().get(0).id());
        assertTrue(stale.problem().contains("is down"));
        catalog.voices(provider);
        assertEquals(2, provider.asked, "not asked again within the retry pause");
        clock.now = clock.now.plus(Duration.ofSeconds(31));
        provider.down = false;
        assertFalse(catalog.voices(provider).stale());
        assertEquals(3, provider.asked);
    }

    @Test
    void withoutAnyGoodListTheFailureIsTheCallers() {
        provider.down = true;
        assertThrows(ProviderFailure.class, () -> catalog.voices(provider));
        assertTrue(catalog.known("fake").isEmpty());
    }
}
