package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

class JsonStringListTest {

    private final JsonStringList converter = new JsonStringList();

    @Test
    void listIsWrittenAsAJsonArray() {
        assertEquals("[\"sales\",\"billing\"]", converter.convertToDatabaseColumn(List.of("sales", "billing")));
    }

    @Test
    void absentListIsWrittenAsAnEmptyArray() {
        assertEquals("[]", converter.convertToDatabaseColumn(null));
        assertEquals("[]", converter.convertToDatabaseColumn(List.of()));
    }

    @Test
    void jsonbTextRoundTrips() {
        var values = List.of("de", "say \"hi\"", "back\\slash", "ünïcödé", "日本語", "");

        var column = converter.convertToDatabaseColumn(values);

        assertEquals(values, converter.convertToEntityAttribute(column));
    }

    @Test
    void whatTheDriverHandsOverIsReadThroughItsText() throws Exception {
        var jsonb = new PGobject();
        jsonb.setType("jsonb");
        jsonb.setValue("[\"spanish\", \"english\"]");

        assertEquals(List.of("spanish", "english"), converter.convertToEntityAttribute(jsonb));
    }

    @Test
    void absentOrBlankColumnReadsAsEmpty() {
        assertEquals(List.of(), converter.convertToEntityAttribute(null));
        assertEquals(List.of(), converter.convertToEntityAttribute(""));
        assertEquals(List.of(), converter.convertToEntityAttribute("[]"));
    }

    @Test
    void nonStringEntriesAreIgnored() {
        assertEquals(
                List.of("a", "b"), converter.convertToEntityAttribute("[\"a\", 1, null, true, {}, [\"x\"], \"b\"]"));
    }
}
