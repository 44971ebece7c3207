package com.vocelio.call.control;

import com.vocelio.platform.control.DialTarget;
import java.util.List;

/**
 * TwiML, the instructions Twilio follows on a call, written by hand so that what we send is exactly what the tests
 * read (and every text is escaped: a caller's message must not become markup).
 */
public final class Twiml {

    /**
     * What a transfer's conference tells us: its start (the agent's leg joined: the AI's cue), who joins and leaves,
     * and its end.
     */
    public static final List<String> CONFERENCE_EVENTS = List.of("start", "join", "leave", "end");

    private final StringBuilder verbs = new StringBuilder();

    public static Twiml response() {
        return new Twiml();
    }

    /** Speaks {@code text}; {@code voice} only when Twilio knows it (Polly, Google, man, woman, alice). */
    public Twiml say(String text, String voice) {
        if (text == null || text.isBlank()) {
            return this;
        }
        verbs.append("<Say");
        if (twilioVoice(voice)) {
            verbs.append(" voice=\"").append(escape(voice)).append('"');
        }
        verbs.append('>').append(escape(text)).append("</Say>");
        return this;
    }

    /**
     * Dials {@code target}: a phone number (E.164, as the {@code <Dial>}'s text), a SIP URI ({@code sip:} or
     * {@code sips:}, as {@code <Sip>}) or a Twilio Client ({@code client:<identity>}, as {@code <Client>}).
     */
    public Twiml dial(String target) {
        var to = DialTarget.of(target);
        verbs.append("<Dial>");
        if (to.kind() == DialTarget.Kind.NUMBER) {
            verbs.append(escape(target));
        } else {
            noun(to, "");
        }
        verbs.append("</Dial>");
        return this;
    }

    /**
     * Dials {@code target} (as {@link #dial} reads it) for at most 20 seconds; Twilio posts the outcome to
     * {@code action} when the dial ends, and runs {@code answered}'s TwiML on the target's leg once it answers.
     */
    public Twiml dialTracked(String target, String action, String answered) {
        verbs.append("<Dial timeout=\"20\" action=\"").append(escape(action)).append("\" method=\"POST\">");
        noun(DialTarget.of(target), " url=\"" + escape(answered) + "\" method=\"POST\"");
        verbs.append("</Dial>");
        return this;
    }

    /** The {@code <Dial>} noun that reaches {@code target}, with {@code attributes} (escaped already, or ""). */
    private void noun(DialTarget target, String attributes) {
        String noun =
                switch (target.kind()) {
                    case NUMBER -> "Number";
                    case SIP -> "Sip";
                    case CLIENT -> "Client";
                };
        verbs.append('<').append(noun).append(attributes).append('>');
        verbs.append(escape(target.value())).append("</").append(noun).append('>');
    }

    /**
     * Joins the call to the conference {@code name}. Until a participant who starts it enters, those inside hear
     * {@code waitUrl} (an audio file or TwiML; none: Twilio's default music). {@code statusCallback} (may be null)
     * hears who joins and leaves; {@code action} (may be null) gives the TwiML to go on with once the conference is
     * over for this call, which otherwise continues with the verbs after this one.
     */
    public Twiml conference(
            String name,
            String waitUrl,
            boolean startOnEnter,
            boolean endOnExit,
            String statusCallback,
            String action) {
        verbs.append("<Dial");
        if (action != null) {
            verbs.append(" action=\"").append(escape(action)).append("\" method=\"POST\"");
        }
        verbs.append("><Conference");
        if (waitUrl != null) {
            verbs.append(" waitUrl=\"").append(escape(waitUrl)).append("\" waitMethod=\"GET\"");
        }
        verbs.append(" startConferenceOnEnter=\"")
                .append(startOnEnter)
                .append("\" endConferenceOnExit=\"")
                .append(endOnExit)
                .append("\" beep=\"false\"");
        if (statusCallback != null) {
            verbs.append(" statusCallback=\"")
                    .append(escape(statusCallback))
                    .append("\" statusCallbackMethod=\"POST\" statusCallbackEvent=\"")
                    .append(String.join(" ", CONFERENCE_EVENTS))
                    .append('"');
        }
        verbs.append('>').append(escape(name)).append("</Conference></Dial>");
        return this;
    }

    /** Starts recording the whole call at once (Twilio goes on with the next verb); its status goes to {@code callback}. */
    public Twiml startRecording(String callback) {
        verbs.append("<Start><Recording recordingStatusCallback=\"")
                .append(escape(callback))
                .append("\" recordingStatusCallbackMethod=\"POST\"")
                .append(" recordingStatusCallbackEvent=\"in-progress completed absent\"/></Start>");
        return this;
    }

    /**
     * Hands the call's audio to our WebSocket at {@code url} both ways ({@code <Connect><Stream>}: Twilio plays what
     * we send), with {@code parameters} in the stream's {@code start} message (Twilio allows no query on the URL).
     * Twilio goes on with the next verb when the socket closes.
     */
    public Twiml connectStream(String url, java.util.Map<String, String> parameters) {
        verbs.append("<Connect><Stream url=\"").append(escape(url)).append("\">");
        parameters.forEach((name, value) -> verbs.append("<Parameter name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\"/>"));
        verbs.append("</Stream></Connect>");
        return this;
    }

    public Twiml playForever(String url) {
        verbs.append("<Play loop=\"0\">").append(escape(url)).append("</Play>");
        return this;
    }

    /** Keeps the line open (the AI's media stream talks over it); Twilio's longest pause is an hour. */
    public Twiml pause(int seconds) {
        verbs.append("<Pause length=\"").append(seconds).append("\"/>");
        return this;
    }

    public Twiml redirect(String url) {
        verbs.append("<Redirect method=\"POST\">").append(escape(url)).append("</Redirect>");
        return this;
    }

    public Twiml hangup() {
        verbs.append("<Hangup/>");
        return this;
    }

    @Override
    public String toString() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>";
    }

    /**
     * The portal offers Azure and ElevenLabs voice ids ({@code en-US-AriaNeural}); Twilio would refuse the call for
     * those, so they fall back to Twilio's default voice.
     */
    static boolean twilioVoice(String voice) {
        if (voice == null || voice.isBlank()) {
            return false;
        }
        return voice.startsWith("Polly.")
                || voice.startsWith("Google.")
                || voice.equals("man")
                || voice.equals("woman")
                || voice.equals("alice");
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
