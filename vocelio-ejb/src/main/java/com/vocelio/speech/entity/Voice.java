package com.vocelio.speech.entity;

/**
 * One voice of one provider, in the shape the portal's voice cards read. Every text is non-null (the portal calls
 * string methods on them); {@code previewUrl} is the provider's own sample where it has one, else empty (the voice
 * list then hands out a signed link to ours).
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
        previewUrl = text(previewUrl);
    }

    private static final java.util.regex.Pattern AZURE_NAME =
            java.util.regex.Pattern.compile("([a-z]{2,3}-[A-Z]{2,3})-(\\p{Alpha}+?)(?:Multilingual)?Neural");

    /**
     * A voice known only by its id (a configured tier's voice, listed while its provider has no keys): what the id
     * tells, e.g. {@code en-US-AriaNeural} is Aria, en-US, neural.
     */
    public static Voice known(String provider, String id, int sampleRate) {
        var azure = AZURE_NAME.matcher(id);
        if (azure.matches()) {
            return new Voice(provider, id, azure.group(2), azure.group(1), "", "", true, sampleRate, "", null);
        }
        return new Voice(provider, id, id, "", "", "", true, sampleRate, "", null);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
