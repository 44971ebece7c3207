package com.vocelio.speech.boundary;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.speech.entity.AudioFormat;
import com.vocelio.speech.entity.Utterance;
import java.io.StringReader;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.InputSource;

/**
 * What the portal's voice preview and the guide's clients send to {@code POST /synthesize}:
 * {@code {text, voice_id, provider, language, speed, pitch, volume, format}} (the portal adds {@code customer_id} and
 * {@code call_id}, which change nothing). {@link #read} checks it and says which field is wrong.
 */
public record SynthesisRequest(
        String text,
        String voiceId,
        String provider,
        String language,
        Double speed,
        Double pitch,
        Double volume,
        String format,
        String customerId,
        String callId) {

    public static final String AUTO = "auto";
    static final Set<String> PROVIDERS = Set.of("azure", "elevenlabs", "local", "piper", AUTO);
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}");

    public static SynthesisRequest of(String text, String voiceId, String provider) {
        return new SynthesisRequest(text, voiceId, provider, null, null, null, null, null, null, null);
    }

    /** The request checked: {@code provider} is a provider's wire name or {@link #AUTO}. */
    public record Asked(String provider, Utterance utterance) {}

    public Asked read(int maxCharacters) {
        String said = Checks.requiredText("text", text, maxCharacters);
        boolean ssml = said.startsWith("<speak");
        if (ssml) {
            requireWellFormed(said);
        }
        String chosen = Checks.optionalText("provider", provider, 20).toLowerCase(Locale.ROOT);
        if (chosen.isEmpty()) {
            chosen = AUTO;
        }
        if (!PROVIDERS.contains(chosen)) {
            throw BusinessException.invalid("provider", "must be one of: azure, elevenlabs, local, piper, auto");
        }
        String lang = Checks.optionalText("language", language, 35);
        if (!lang.isEmpty() && !LANGUAGE.matcher(lang).matches()) {
            throw BusinessException.invalid("language", "must be a language tag like en-US");
        }
        AudioFormat container = null;
        String asked = Checks.optionalText("format", format, 20);
        if (!asked.isEmpty()) {
            container = AudioFormat.fromWire(asked)
                    .orElseThrow(() -> BusinessException.invalid("format", "must be one of: wav, mp3"));
        }
        return new Asked(
                chosen,
                new Utterance(
                        said,
                        ssml,
                        Checks.optionalText("voice_id", voiceId, 200),
                        lang.replace('_', '-'),
                        within("speed", speed, 1, 0.5, 2.0),
                        within("pitch", pitch, 0, -50, 50),
                        within("volume", volume, 100, 0, 100),
                        container));
    }

    private static double within(String field, Double value, double otherwise, double min, double max) {
        if (value == null) {
            return otherwise;
        }
        if (value.isNaN() || value < min || value > max) {
            throw BusinessException.invalid(field, "must be between " + trim(min) + " and " + trim(max));
        }
        return value;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** SSML goes to a provider as it is: a malformed document is the client's mistake, said here (no DTDs). */
    private static void requireWellFormed(String ssml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setNamespaceAware(true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new InputSource(new StringReader(ssml)));
        } catch (Exception e) {
            throw BusinessException.invalid("text", "starts with <speak but is not well-formed SSML");
        }
    }
}
