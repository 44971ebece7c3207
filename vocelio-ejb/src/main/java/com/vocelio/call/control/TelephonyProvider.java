package com.vocelio.call.control;

import com.vocelio.call.entity.AgentLeg;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.Recording;
import com.vocelio.call.entity.TelephonyStatus;
import java.io.InputStream;
import java.time.OffsetDateTime;

/**
 * What carries calls: the Twilio network, or the offline simulator that behaves like it. Both speak Twilio's
 * statuses and report them through {@link Call#reportStatus}, so a call's record, events and logs do not depend on
 * who carried it. Calls once placed stay with the provider that placed them ({@link Call#provider()}).
 */
public interface TelephonyProvider {

    /** {@code twilio} or {@code simulated}: what {@link Call#provider()} records. */
    String name();

    /**
     * An outbound call to place: E.164 numbers, the message to say, the voice to say it in (may be empty), and
     * whether to record it.
     */
    record Outbound(String from, String to, String message, String voiceId, boolean record) {}

    /** The provider's id for a call it accepted, and the status it gave it. */
    record Placement(String callSid, TelephonyStatus status) {}

    Placement place(Outbound call);

    /** The call's record exists now (inside the placing transaction): the simulator sets its first timer. */
    default void placed(Call call, OffsetDateTime now) {}

    /**
     * Ends a live call on the network and records it ({@link Call#hangUp}): answered calls complete, ringing ones
     * are canceled.
     */
    void hangUp(Call call, OffsetDateTime now);

    /** Holds the caller (hold music) or resumes the call's own script. */
    void hold(Call call, boolean on);

    /** Mutes or unmutes the caller where the provider can (in a conference); elsewhere our record says it. */
    default void mute(Call call, boolean on) {}

    /** Hands the caller to {@code target} (E.164 or a {@code sip:} URI) with a {@code <Dial>}; the AI leaves the call. */
    void dial(Call call, String target);

    /**
     * Connects the routed agent at {@code target} (E.164 or {@code sip:}) to the caller as {@code leg} says; a warm
     * transfer's agent first hears its briefing.
     *
     * @return true when the bridge is up now; false when the provider will tell whether the agent's leg answered
     *     (then the transfer stays {@code connecting}), naming the leg's transfer and offer
     */
    boolean bridge(Call call, String target, AgentLeg leg);

    /**
     * A status read of a live call: the provider may check what our record says when it has heard nothing of the call
     * for a while (callbacks remain the source; this only catches one that went missing), and reports what it learns
     * through {@link Call#reportStatus}. The simulator's timers are its record: nothing to ask.
     */
    default void refresh(Call call, OffsetDateTime now) {}

    /** Deletes the recording where the provider keeps it (the simulator keeps nothing but our row). */
    default void deleteRecording(Recording recording) {}

    /** A completed recording's audio as a WAV file, fetched from the provider with our credentials. */
    InputStream audio(Recording recording);
}
