package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactCsv;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to import a CSV file, as the upload form says it: the list to put the contacts on ({@code listId}, or
 * {@code listName}, made when missing), whether a number the organization has already is skipped
 * ({@code skipDuplicates}, the default) or merged, and how to read the file (encoding, delimiter, column mapping).
 */
public record ImportOptions(
        String listId,
        String listName,
        boolean skipDuplicates,
        String encoding,
        String delimiter,
        Map<String, String> mapping) {

    /** Checks the reading options: a 400 naming the form field. */
    public ImportOptions {
        mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        csv(encoding, delimiter, mapping);
    }

    public static ImportOptions read(
            String listId, String listName, String skipDuplicates, String encoding, String delimiter, String mapping) {
        boolean skip = skipDuplicates == null
                || skipDuplicates.isBlank()
                || switch (skipDuplicates.strip()) {
                    case "true", "1" -> true;
                    case "false", "0" -> false;
                    default -> throw BusinessException.invalid("skipDuplicates", "must be true or false");
                };
        var columns = new LinkedHashMap<String, String>();
        if (mapping != null && !mapping.isBlank()) {
            try (var reader = Jsons.reader(mapping)) {
                reader.readObject().forEach((column, field) -> {
                    if (!(field instanceof JsonString name)) {
                        throw BusinessException.invalid("mapping", "must map each CSV column to a field name");
                    }
                    columns.put(column, name.getString());
                });
            } catch (jakarta.json.JsonException | ClassCastException e) {
                throw BusinessException.invalid("mapping", "must be a JSON object such as {\"Mobile\":\"phone\"}");
            }
        }
        return new ImportOptions(
                blankless(listId), blankless(listName), skip, blankless(encoding), blankless(delimiter), columns);
    }

    public ContactCsv.Options csv() {
        return csv(encoding, delimiter, mapping);
    }

    JsonObject toJson() {
        var json = Jsons.objectBuilder().add("skipDuplicates", skipDuplicates);
        if (encoding != null) {
            json.add("encoding", encoding);
        }
        if (delimiter != null) {
            json.add("delimiter", delimiter);
        }
        var columns = Jsons.objectBuilder();
        mapping.forEach(columns::add);
        return json.add("mapping", columns).build();
    }

    static ImportOptions of(JsonObject json, String listId) {
        var mapping = new LinkedHashMap<String, String>();
        json.getJsonObject("mapping").forEach((k, v) -> mapping.put(k, ((JsonString) v).getString()));
        return new ImportOptions(
                listId,
                null,
                json.getBoolean("skipDuplicates"),
                json.getString("encoding", null),
                json.getString("delimiter", null),
                mapping);
    }

    private static ContactCsv.Options csv(String encoding, String delimiter, Map<String, String> mapping) {
        Charset charset = null;
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw BusinessException.invalid("encoding", "names no character set: '" + encoding + "'");
            }
        }
        Character separator = null;
        if (delimiter != null) {
            String d = delimiter.equals("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
            if (d.length() != 1 || d.equals("\"") || d.equals("\n") || d.equals("\r")) {
                throw BusinessException.invalid("delimiter", "must be one character (or 'tab')");
            }
            separator = d.charAt(0);
        }
        return new ContactCsv.Options(charset, separator, mapping);
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
