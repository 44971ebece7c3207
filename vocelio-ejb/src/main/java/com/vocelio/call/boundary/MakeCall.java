package com.vocelio.call.boundary;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.json.JsonValue;

/**
 * A request to place a call, in the portal's spelling ({@code to, from, message, voice_settings{provider, voice_id,
 * tier}}) or the API reference's ({@code to_number, from_number}), with {@code record: true} to record the call. Numbers are read as people type them and come
 * out in E.164; a wrong one is a 400 naming the field the client used.
 */
public record MakeCall(
        String to,
        String toNumber,
        String from,
        String fromNumber,
        String message,
        VoiceSettings voiceSettings,
        JsonValue record) {

    public record VoiceSettings(String provider, String voiceId, String tier) {}

    /**
     * What the request asks, checked. {@code from} is the caller id asked for in E.164, empty when none was given or
     * it is no phone number at all (the portal sends {@code +1234567890} when it has no number configured):
     * {@code fromTyped} keeps what was sent, {@code fromField} the name it was sent under.
     */
    public record Asked(
            String to,
            String from,
            String fromTyped,
            String fromField,
            String message,
            String voiceProvider,
            String voiceId,
            boolean record) {}

    public Asked read(String defaultRegion) {
        String toField = to == null && toNumber != null ? "to_number" : "to";
        String typedTo = to != null ? to : toNumber;
        if (typedTo == null || typedTo.isBlank()) {
            throw BusinessException.invalid(toField, "is required");
        }
        String toE164 = number(toField, typedTo, defaultRegion);
        String fromField = from == null && fromNumber != null ? "from_number" : "from";
        String typedFrom = from != null ? from : fromNumber;
        String fromText = Checks.optionalText(fromField, typedFrom, 40);
        String fromE164 = PhoneNumbers.toE164(fromText, defaultRegion).orElse("");
        var voice = voiceSettings == null ? new VoiceSettings(null, null, null) : voiceSettings;
        return new Asked(
                toE164,
                fromE164,
                fromText,
                fromField,
                Checks.optionalText("message", message, 2000),
                Checks.optionalText("voice_settings.provider", voice.provider(), 20),
                Checks.optionalText("voice_settings.voice_id", voice.voiceId(), 100),
                Checks.flag("record", record));
    }

    private static String number(String field, String typed, String region) {
        if (typed.length() > 40) {
            throw BusinessException.invalid(field, "must be at most 40 characters");
        }
        return PhoneNumbers.toE164(typed, region)
                .orElseThrow(() -> BusinessException.invalid(field, "is not a valid phone number"));
    }
}
