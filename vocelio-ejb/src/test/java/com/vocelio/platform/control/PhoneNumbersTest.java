package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void dashesSpacesAndParenthesesParse() {
        assertEquals(Optional.of("+14155550100"), PhoneNumbers.toE164("(415) 555-0100", "US"));
        assertEquals(Optional.of("+14155550100"), PhoneNumbers.toE164("415.555.0100", "US"));
        assertEquals(Optional.of("+14155550100"), PhoneNumbers.toE164("1-415-555-0100", "US"));
    }

    @Test
    void vanityNumbersParse() {
        assertEquals(Optional.of("+18003569377"), PhoneNumbers.toE164("1-800-FLOWERS", "US"));
        assertEquals(Optional.of("+18003569377"), PhoneNumbers.toE164("800 flowers", "US"));
    }

    @Test
    void countryCodeWinsOverTheDefaultRegion() {
        assertEquals(Optional.of("+442079460000"), PhoneNumbers.toE164("+44 20 7946 0000", "US"));
    }

    @Test
    void defaultRegionSuppliesAMissingCountryCode() {
        assertEquals(Optional.of("+442079460000"), PhoneNumbers.toE164("020 7946 0000", "GB"));
    }

    @Test
    void withoutCountryCodeOrRegionThereIsNoE164() {
        assertEquals(Optional.empty(), PhoneNumbers.toE164("415 555 0100", null));
    }

    @Test
    void textThatIsNoPhoneNumberHasNoE164() {
        assertEquals(Optional.empty(), PhoneNumbers.toE164(null, "US"));
        assertEquals(Optional.empty(), PhoneNumbers.toE164("   ", "US"));
        assertEquals(Optional.empty(), PhoneNumbers.toE164("ask reception", "US"));
        assertEquals(Optional.empty(), PhoneNumbers.toE164("12", "US"));
    }
}
