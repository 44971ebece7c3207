package com.vocelio.contact.control;

import com.vocelio.platform.boundary.BusinessException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file of contacts as a stream of rows (Apache Commons CSV), one at a time whatever the file's size. The
 * encoding comes from the caller, else from a byte-order mark, else from the file's start: UTF-8, unless its bytes
 * above ASCII never once form UTF-8 (a spreadsheet saved as Windows-1252 / Latin-1, read as such); the delimiter from the caller or the header
 * line (the most frequent of {@code , ; TAB |}). Columns map to contact fields by their header (any case and
 * punctuation: {@code First Name}, {@code first_name}, {@code firstName}) or by the caller's mapping; others become
 * custom fields. A row that cannot be read (wrong number of fields, bytes that are not text in the encoding) is
 * reported with its line and never stops the file.
 */
public final class ContactCsv {

    /** Contact fields a column can fill, by their normalised header names. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("firstname", "firstName"),
            Map.entry("first", "firstName"),
            Map.entry("givenname", "firstName"),
            Map.entry("lastname", "lastName"),
            Map.entry("last", "lastName"),
            Map.entry("surname", "lastName"),
            Map.entry("familyname", "lastName"),
            Map.entry("email", "email"),
            Map.entry("emailaddress", "email"),
            Map.entry("phone", "phone"),
            Map.entry("phonenumber", "phone"),
            Map.entry("mobile", "phone"),
            Map.entry("telephone", "phone"),
            Map.entry("tel", "phone"),
            Map.entry("company", "company"),
            Map.entry("title", "title"),
            Map.entry("jobtitle", "title"),
            Map.entry("address", "address"),
            Map.entry("city", "city"),
            Map.entry("state", "state"),
            Map.entry("zip", "zip"),
            Map.entry("zipcode", "zip"),
            Map.entry("postalcode", "zip"),
            Map.entry("country", "country"),
            Map.entry("status", "status"),
            Map.entry("notes", "notes"),
            Map.entry("tags", "tags"));

    /** The template's columns, in the guide's order. */
    public static final List<String> TEMPLATE =
            List.of("first_name", "last_name", "phone", "email", "company", "title", "address", "city", "state", "zip");

    private static final int DATA_MAX = 500;

    /** How to read a file: null encoding or delimiter means "detect"; mapping is header → field. */
    public record Options(Charset encoding, Character delimiter, Map<String, String> mapping) {}

    /** A file's header as understood: its encoding, delimiter, and for each column the field it fills. */
    public record Layout(Charset encoding, char delimiter, List<String> columns, List<String> fields) {}

    /** A row: its line in the file, and either its fields (contact fields, custom fields) or why it was refused. */
    public record Row(long line, Map<String, String> fields, Map<String, String> custom, String error, String data) {

        public boolean readable() {
            return error == null;
        }
    }

    private ContactCsv() {}

    /** How much of the start of a file {@link #layout} reads the header from. */
    public static final int HEAD = 64 * 1024;

    /**
     * Reads the header line only, from the file's first {@link #HEAD} bytes (more are ignored): a 400 naming {@code
     * file} for an empty file or one without a phone column.
     */
    public static Layout layout(byte[] content, Options options) {
        Charset encoding = options.encoding() != null ? options.encoding() : detected(content);
        String text = new String(content, 0, Math.min(content.length, HEAD), encoding);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String firstLine = text.lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            throw BusinessException.invalid("file", "is empty: a header line and at least one row are needed");
        }
        char delimiter = options.delimiter() != null ? options.delimiter() : sniff(firstLine);
        List<String> columns;
        try (var parser = CSVParser.parse(
                firstLine, CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get())) {
            columns = parser.getRecords().get(0).toList().stream()
                    .map(String::strip)
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw BusinessException.invalid("file", "has a header line that is not CSV");
        }
        var fields = new ArrayList<String>();
        for (String column : columns) {
            String mapped = options.mapping().get(column);
            fields.add(mapped != null ? mapped : FIELDS.get(normalised(column)));
        }
        if (!fields.contains("phone")) {
            throw BusinessException.invalid(
                    "file",
                    "has no phone column (headers: " + String.join(", ", columns) + "); map one with 'mapping'");
        }
        return new Layout(encoding, delimiter, columns, fields);
    }

    /**
     * Reads every row after the header, in order, handing each to {@code rows}. Bytes that are not text in the
     * encoding become U+FFFD while decoding; a row holding one is refused, the next is read as usual.
     */
    public static void read(InputStream content, Layout layout, Consumer<Row> rows) {
        var decoder = layout.encoding()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        var format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(layout.delimiter())
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (Reader reader = new InputStreamReader(content, decoder);
                var parser = CSVParser.parse(skipByteOrderMark(reader), format)) {
            boolean header = true;
            long line = 1;
            for (CSVRecord record : parser) {
                long start = line;
                line = parser.getCurrentLineNumber() + 1;
                if (header) {
                    header = false;
                    continue;
                }
                rows.accept(row(start, record, layout));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            // an unclosed quote runs to the end of the file: everything from there is one unreadable row
            rows.accept(new Row(-1, Map.of(), Map.of(), "unreadable CSV from here on: " + e.getMessage(), ""));
        }
    }

    public static void read(byte[] content, Layout layout, Consumer<Row> rows) {
        read(new ByteArrayInputStream(content), layout, rows);
    }

    private static Row row(long line, CSVRecord record, Layout layout) {
        String data = String.join(String.valueOf(layout.delimiter()), record.toList());
        data = data.length() > DATA_MAX ? data.substring(0, DATA_MAX) : data;
        if (data.indexOf('\uFFFD') >= 0) {
            return new Row(
                    line,
                    Map.of(),
                    Map.of(),
                    "is not valid " + layout.encoding().name() + " text; save the file as UTF-8 or name its encoding",
                    data.replace('\uFFFD', '?'));
        }
        if (record.size() != layout.columns().size()) {
            return new Row(
                    line,
                    Map.of(),
                    Map.of(),
                    "has " + record.size() + " fields; the header has "
                            + layout.columns().size(),
                    data);
        }
        var fields = new LinkedHashMap<String, String>();
        var custom = new LinkedHashMap<String, String>();
        for (int i = 0; i < record.size(); i++) {
            String field = layout.fields().get(i);
            String value = record.get(i);
            if (field != null) {
                fields.put(field, value);
            } else if (!value.isBlank() && !layout.columns().get(i).isBlank()) {
                custom.put(layout.columns().get(i), value);
            }
        }
        return new Row(line, fields, custom, null, data);
    }

    private static String normalised(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static char sniff(String header) {
        char best = ',';
        long most = 0;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > most) {
                most = count;
                best = candidate;
            }
        }
        return best;
    }

    /** Windows-1252: what spreadsheets on Western Windows save "CSV" as; a superset of ISO-8859-1's letters. */
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * The encoding a byte-order mark names; else UTF-8, unless the first {@link #HEAD} bytes have bytes above ASCII of
     * which not one sequence is UTF-8: then Windows-1252. A UTF-8 file with a few broken rows stays UTF-8 (its good
     * rows hold UTF-8 sequences), so those rows are reported, never misread.
     */
    static Charset detected(byte[] content) {
        if (content.length >= 2 && (content[0] & 0xff) == 0xfe && (content[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (content.length >= 2 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        int end = Math.min(content.length, HEAD);
        boolean valid = false;
        boolean invalid = false;
        for (int i = 0; i < end && !valid; ) {
            int b = content[i] & 0xff;
            int length = b < 0x80
                    ? 1
                    : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
            if (length == 1) {
                i++;
                continue;
            }
            if (length > 0 && i + length > end) {
                // cut by the end of what is looked at: the upload's head when it is checked, the first chunk when it
                // is run, so both must decide alike whether more follows
                break;
            }
            boolean sequence = length > 0 && i + length <= end;
            for (int k = 1; sequence && k < length; k++) {
                sequence = (content[i + k] & 0xc0) == 0x80;
            }
            if (sequence) {
                valid = true;
            } else {
                invalid = true;
            }
            i += sequence ? length : 1;
        }
        return invalid && !valid ? WINDOWS_1252 : StandardCharsets.UTF_8;
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        var marked = new java.io.PushbackReader(reader, 1);
        int first = marked.read();
        if (first >= 0 && first != '\uFEFF') {
            marked.unread(first);
        }
        return marked;
    }
}
