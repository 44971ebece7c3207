package com.vocelio.platform.control;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/**
 * Stores a list of strings in a {@code jsonb} array column (skills, languages), so SQL can match inside it. Written
 * as JSON text (the datasource sends strings untyped, so PostgreSQL casts it); read back as whatever the driver
 * hands over for jsonb (a PGobject), through its text form.
 */
@Converter
public class JsonStringList implements AttributeConverter<List<String>, Object> {

    @Override
    public Object convertToDatabaseColumn(List<String> values) {
        var array = Jsons.arrayBuilder();
        if (values != null) {
            values.forEach(array::add);
        }
        return array.build().toString();
    }

    @Override
    public List<String> convertToEntityAttribute(Object column) {
        String json = column == null ? "" : column.toString();
        if (json.isBlank()) {
            return List.of();
        }
        try (var reader = Jsons.reader(json)) {
            return reader.readArray().stream()
                    .filter(value -> value.getValueType() == JsonValue.ValueType.STRING)
                    .map(value -> ((JsonString) value).getString())
                    .toList();
        }
    }
}
