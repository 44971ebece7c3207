package com.vocelio.contact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhoneSetTest {

    @Test
    void aNumberIsNewOnceAcrossGrowthAsAStringSetSaysIt() {
        var phones = new PhoneSet();
        var strings = new HashSet<String>();
        var random = new Random(17);
        for (int i = 0; i < 300_000; i++) {
            String e164 = "+1" + (2_000_000_000L + random.nextInt(400_000));
            assertEquals(strings.add(e164), phones.add(e164), e164);
        }
        assertEquals(strings.size(), phones.size());
    }

    @Test
    void differentLengthsAreDifferentNumbersAndNonE164IsAlwaysNew() {
        var phones = new PhoneSet();
        assertTrue(phones.add("+4930123"));
        assertTrue(phones.add("+49301230"));
        assertFalse(phones.add("+4930123"));
        assertTrue(phones.add("0301234"));
        assertTrue(phones.add("0301234"));
        assertTrue(phones.add("+999999999999999"));
        assertFalse(phones.add("+999999999999999"));
        assertEquals(3, phones.size());
    }
}
