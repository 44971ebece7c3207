package com.vocelio.contact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.contact.entity.PhoneType;
import com.vocelio.platform.control.PhoneNumbers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneLinesTest {

    @Test
    void oneParseGivesTheE164AndTheLineTypeOfTheNumberTyped() {
        assertEquals(
                Optional.of(new PhoneLines.Line("+14155550100", PhoneType.UNKNOWN)),
                PhoneLines.read("(415) 555-0100", "US")); // North America: fixed line or mobile
        assertEquals(
                Optional.of(new PhoneLines.Line("+18003569377", PhoneType.TOLL_FREE)),
                PhoneLines.read("1-800-FLOWERS", "US"));
        assertEquals(
                PhoneType.MOBILE,
                PhoneLines.read("07400 123456", "GB").orElseThrow().type());
        assertEquals(
                PhoneType.LANDLINE,
                PhoneLines.read("+44 20 7946 0000", "US").orElseThrow().type());
        assertTrue(PhoneLines.read("ask reception", "US").isEmpty());
        assertTrue(PhoneLines.read("12", "US").isEmpty());
        assertTrue(PhoneLines.read("  ", "US").isEmpty());
        assertTrue(PhoneLines.read(null, "US").isEmpty());
    }

    @Test
    void theE164IsWhatThePlatformsReadingGives() {
        for (String typed :
                List.of("415.555.0100", "+44 20 7946 0000", "1-800-FLOWERS", "020 7946 0000", "+39 06 1234 5678"))
            assertEquals(
                    PhoneNumbers.toE164(typed, "GB"),
                    PhoneLines.read(typed, "GB").map(PhoneLines.Line::e164),
                    typed);
    }
}
