package com.vocelio.contact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.boundary.BusinessException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactCsvTest {

    private static final ContactCsv.Options DETECT = new ContactCsv.Options(null, null, Map.of());

    private static List<ContactCsv.Row> rows(byte[] content, ContactCsv.Options options) {
        var layout = ContactCsv.layout(content, options);
        var rows = new ArrayList<ContactCsv.Row>();
        ContactCsv.read(content, layout, rows::add);
        return rows;
    }

    private static List<ContactCsv.Row> rows(String text) {
        return rows(text.getBytes(StandardCharsets.UTF_8), DETECT);
    }

    @Test
    void headersMapToFieldsWhateverTheirSpellingAndOthersBecomeCustomFields() {
        var rows = rows("First Name,last_name,Phone Number,Plan\nAda,Lovelace,+4930123456,gold\n");
        assertEquals(1, rows.size());
        assertEquals(
                Map.of("firstName", "Ada", "lastName", "Lovelace", "phone", "+4930123456"),
                rows.get(0).fields());
        assertEquals(Map.of("Plan", "gold"), rows.get(0).custom());
        assertEquals(2, rows.get(0).line());
    }

    @Test
    void badRowsAreReportedByLineAndTheFileGoesOn() {
        var content = new java.io.ByteArrayOutputStream();
        content.writeBytes(
                "phone,first_name\n+4930111,Ok\n+4930222\n+4930333,Caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
        content.writeBytes("+4930444,\u00ff\u00fe\n+4930555,Z\n".getBytes(StandardCharsets.ISO_8859_1)); // not UTF-8
        var rows = rows(content.toByteArray(), DETECT);
        assertEquals(5, rows.size(), rows.toString());
        assertTrue(rows.get(0).readable());
        assertEquals(3, rows.get(1).line());
        assertTrue(rows.get(1).error().contains("has 1 fields"), rows.get(1).error());
        assertEquals("Caf\u00e9", rows.get(2).fields().get("firstName"));
        assertEquals(5, rows.get(3).line());
        assertTrue(rows.get(3).error().contains("UTF-8"), rows.get(3).error());
        assertNull(rows.get(4).error());
        assertEquals(6, rows.get(4).line());
    }

    @Test
    void theDelimiterIsDetectedAndAQuotedFieldMaySpanLines() {
        var rows = rows("\uFEFFphone;notes\n+4930111;\"two\nlines\"\n+4930222;x\n");
        assertEquals("two\nlines", rows.get(0).fields().get("notes"));
        assertEquals(2, rows.get(0).line());
        assertEquals(4, rows.get(1).line());
    }

    @Test
    void givenEncodingAndMappingAreUsed() {
        byte[] latin1 = "Mobil\tName\n+4930111\tJ\u00fcrgen\n".getBytes(StandardCharsets.ISO_8859_1);
        var rows = rows(
                latin1,
                new ContactCsv.Options(
                        StandardCharsets.ISO_8859_1, '\t', Map.of("Mobil", "phone", "Name", "firstName")));
        assertEquals("J\u00fcrgen", rows.get(0).fields().get("firstName"));
    }

    @Test
    void anEmptyFileOrOneWithoutAPhoneColumnIsRefusedNamingTheFile() {
        var empty = assertThrows(BusinessException.class, () -> rows(""));
        assertEquals("file", empty.details().get(0).field());
        var noPhone = assertThrows(BusinessException.class, () -> rows("name,email\na,b\n"));
        assertEquals("file", noPhone.details().get(0).field());
    }

    @Test
    void aFileSavedAsWindows1252IsReadAsSuchWithoutBeingTold() {
        byte[] cp1252 =
                "phone,first_name,last_name\n+4930111,J\u00fcrgen,M\u00fcller\n+4930222,Fran\u00e7ois,\u20ac uro\n"
                        .getBytes(ContactCsv.WINDOWS_1252);
        var rows = rows(cp1252, DETECT);
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("J\u00fcrgen", rows.get(0).fields().get("firstName"));
        assertEquals("M\u00fcller", rows.get(0).fields().get("lastName"));
        assertEquals("Fran\u00e7ois", rows.get(1).fields().get("firstName"));
        assertEquals("\u20ac uro", rows.get(1).fields().get("lastName"));
        assertEquals(ContactCsv.WINDOWS_1252, ContactCsv.layout(cp1252, DETECT).encoding());
    }

    @Test
    void utf8StaysUtf8AlsoWhenALetterIsCutByTheEndOfWhatDetectionReads() {
        assertEquals(StandardCharsets.UTF_8, ContactCsv.detected("phone\n+4930111\n".getBytes(StandardCharsets.UTF_8)));
        var text = new StringBuilder("phone,first_name\n");
        while (text.length() < ContactCsv.HEAD - 1) {
            text.append('x');
        }
        text.append("\u00e9\n"); // its two bytes straddle the end of the head
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(0xc3, bytes[ContactCsv.HEAD - 1] & 0xff);
        assertEquals(StandardCharsets.UTF_8, ContactCsv.detected(bytes));
        // the upload's head (its first HEAD bytes only) is judged as the run judges the whole first chunk
        assertEquals(StandardCharsets.UTF_8, ContactCsv.detected(java.util.Arrays.copyOf(bytes, ContactCsv.HEAD)));
        // a UTF-8 file with one row in another encoding: UTF-8, and that row reported (see badRowsAreReported...)
        var mixed = new java.io.ByteArrayOutputStream();
        mixed.writeBytes("phone,first_name\n+4930111,Zo\u00eb\n".getBytes(StandardCharsets.UTF_8));
        mixed.writeBytes("+4930222,J\u00fcrgen\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(StandardCharsets.UTF_8, ContactCsv.detected(mixed.toByteArray()));
    }
}
