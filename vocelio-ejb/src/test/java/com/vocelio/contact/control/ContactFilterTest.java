package com.vocelio.contact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactFilterTest {

    private static String term(String typed) {
        return new ContactFilter(typed, null, null, List.of(), null, null).searchTerm();
    }

    @Test
    void theIndexIsAskedForTheTermsWordsOfThreeCharactersOrMore() {
        assertEquals(List.of("james", "smith"), ContactFilter.indexedWords(term("James Smith")));
        assertEquals(List.of("mobile1"), ContactFilter.indexedWords(term("mobile1")));
        assertEquals(List.of("smith"), ContactFilter.indexedWords(term("jo smith smith")));
        assertEquals(List.of(), ContactFilter.indexedWords(term("kf")));
        assertEquals(List.of(), ContactFilter.indexedWords(term("%")));
        assertEquals(List.of("o'neil"), List.of(term("O'Neil"))); // the whole term is still what is checked
        assertEquals(List.of("neil"), ContactFilter.indexedWords(term("O'Neil")));
    }

    @Test
    void anAddressIsLookedUpByItsLocalPartUnlessItHasNoWordThere() {
        assertEquals(
                List.of("james", "smith", "123400"),
                ContactFilter.indexedWords(term("James.Smith.123400@example.com")));
        assertEquals(List.of("abc"), ContactFilter.indexedWords(term(".abc@navy")));
        assertEquals(List.of("navy", "example"), ContactFilter.indexedWords(term("@navy.example")));
        assertEquals(List.of("navy"), ContactFilter.indexedWords(term("a@navy")));
    }

    @Test
    void typedDigitsAreOneWordWhateverThePunctuation() {
        assertEquals("15112345678", term("151 1234-5678"));
        assertEquals(List.of("15112345678"), ContactFilter.indexedWords(term("(151) 1234-5678")));
        assertEquals(List.of("2221234"), ContactFilter.indexedWords(term("222-1234")));
    }
}
