package com.vocelio.speech.entity;

/**
 * One voice of one provider, in the shape the portal's voice cards read. Every text is non-null (the portal calls
 * string methods on them); {@code previewUrl} is the provider's own sample where it has one, else ours.
 */
public record Voice(
        String provider,
        String id,
        String name,
        String language,
        String gender,
        String style,
        boolean neural,
        int sampleRate,
        String accent,
        String previewUrl) {

    public Voice {
        id = text(id);
        name = text(name).isEmpty() ? id : text(name);
        language = text(language);
        gender = text(gender).toLowerCase(java.util.Locale.ROOT);
        style = text(style);
        accent = text(accent);
        previewUrl = text(previewUrl).isEmpty() ? "/voices/preview/" + id : text(previewUrl);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
