package com.vocelio.call.control;

import com.vocelio.call.entity.AgentLeg;
import com.vocelio.call.entity.AgentLegUnanswered;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.Recording;
import com.vocelio.call.entity.TelephonyStatus;
import com.vocelio.platform.control.Clocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The offline telephone network: no keys, no network, and calls that live like real ones. A placed call is
 * {@code queued}, rings after a second, is answered two seconds later and completes after the configured talk time.
 * The number called decides the rest, so every outcome can be reached on purpose (README, "Telephony", the simulator):
 * numbers ending in {@code 0000} are busy, {@code 0001} do not answer, {@code 0002} fail, {@code 0003} answer and hang
 * up after two seconds. A routed agent whose number (or SIP address) ends in {@code 0000}, {@code 0001} or
 * {@code 0002} does not answer the bridge either: the leg rings as a call to such a number would, then is reported
 * unanswered ({@link AgentLegUnanswered}), and routing sends the transfer back to the queue as for Twilio's report;
 * other agents answer at once. An inbound call ({@code POST /admin/simulate/inbound}) is answered by its number's flow
 * and talks the talk time. A call placed with {@code record} leaves a completed recording as long as its talk. The
 * timers live in the database ({@link Call#nextStepAt()}, {@link Call#agentLegEndsAt()}), so any node moves any call
 * along and a restart loses none.
 */
@ApplicationScoped
public class SimulatedTelephony implements TelephonyProvider {

    public static final String NAME = "simulated";
    static final Duration TO_RINGING = Duration.ofSeconds(1);
    static final Duration RING_TIME = Duration.ofSeconds(2);
    static final Duration BUSY_AFTER = Duration.ofSeconds(1);
    static final Duration NO_ANSWER_AFTER = Duration.ofSeconds(4);
    static final Duration SHORT_CALL = Duration.ofSeconds(2);

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "vocelio.telephony.simulator.talk-time", defaultValue = "PT2M")
    Duration talkTime;

    @Inject
    @ConfigProperty(name = "vocelio.telephony.simulator.price-per-minute", defaultValue = "0.014")
    BigDecimal pricePerMinute;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return NAME;
    }

    /** Call sids look like Twilio's ({@code CA} and 32 hex digits), so clients treat both alike. */
    @Override
    public Placement place(Outbound call) {
        return new Placement(callSid(), TelephonyStatus.QUEUED);
    }

    /** A new call's sid, as Twilio would give it. */
    public String callSid() {
        return sid("CA");
    }

    /** An inbound call the simulated network just put through is answered by its flow: it talks the talk time. */
    public void received(Call call, OffsetDateTime now) {
        call.scheduleStep(now.plus(talkTime));
    }

    private static String sid(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    @Override
    public void placed(Call call, OffsetDateTime now) {
        call.scheduleStep(now.plus(TO_RINGING));
    }

    /** The simulated network is the record: ending the call is recording it, with what it cost. */
    @Override
    public void hangUp(Call call, OffsetDateTime now) {
        over(call, call.hangUpStatus(), now);
    }

    @Override
    public void hold(Call call, boolean on) {}

    @Override
    public void dial(Call call, String number) {}

    /**
     * Simulated agents answer at once, whatever the hand-over, unless the number rules say their leg does not
     * ({@link Outcome#unansweredAfter}): then it rings on the call's record, in the database like every simulator
     * timer, until the sweep reports it unanswered ({@code SimulatedCalls.agentLegs}); the transfer stays
     * {@code connecting} meanwhile.
     */
    @Override
    public boolean bridge(Call call, String target, AgentLeg leg) {
        var rings = Outcome.of(target).unansweredAfter();
        rings.ifPresent(time -> call.agentLegRings(leg, Clocks.now(clock).plus(time)));
        return rings.isEmpty();
    }

    /** Moves a call whose timer is due one step along its number's script, and sets the next timer. */
    public void step(Call call, OffsetDateTime now) {
        Outcome outcome = Outcome.of(call.calledNumber());
        TelephonyStatus next;
        Duration then;
        switch (call.telephonyStatus()) {
            case QUEUED -> {
                next = outcome == Outcome.FAILS ? TelephonyStatus.FAILED : TelephonyStatus.RINGING;
                then = switch (outcome) {
                    case BUSY -> BUSY_AFTER;
                    case NO_ANSWER -> NO_ANSWER_AFTER;
                    default -> RING_TIME;
                };
            }
            case RINGING -> {
                next = switch (outcome) {
                    case BUSY -> TelephonyStatus.BUSY;
                    case NO_ANSWER -> TelephonyStatus.NO_ANSWER;
                    default -> TelephonyStatus.IN_PROGRESS;
                };
                then = outcome == Outcome.SHORT ? SHORT_CALL : talkTime;
            }
            case IN_PROGRESS -> {
                next = TelephonyStatus.COMPLETED;
                then = null;
            }
            default -> {
                call.scheduleStep(null);
                return;
            }
        }
        if (next.isFinal()) {
            over(call, next, now);
        } else {
            call.reportStatus(next, null, null, now);
            call.scheduleStep(now.plus(then));
        }
    }

    /**
     * The call ends with what it cost; a call placed to be recorded that was answered leaves its recording, as
     * long as the talk (Twilio records nothing of a call nobody answered).
     */
    private void over(Call call, TelephonyStatus status, OffsetDateTime now) {
        if (call.reportStatus(status, null, price(call, now), now)
                && call.recorded()
                && call.answeredAt().isPresent()) {
            var recording = new Recording(call, sid("RE"), NAME, now);
            recording.report(
                    Recording.COMPLETED,
                    call.talkSeconds().orElse(0),
                    1,
                    null,
                    call.answeredAt().get(),
                    now);
            em.persist(recording);
        }
    }

    /** The simulated network records silence: 8 kHz, 8-bit mono PCM as long as the recording. */
    @Override
    public InputStream audio(Recording recording) {
        return new ByteArrayInputStream(Wav.silence(recording.durationSeconds().orElse(0)));
    }

    /** What the simulated carrier charges: started minutes of talk at the configured rate (unanswered: nothing). */
    public BigDecimal price(Call call, OffsetDateTime now) {
        long seconds = call.answeredAt()
                .map(answered -> Duration.between(answered, now).toSeconds())
                .orElse(0L);
        long minutes = (seconds + 59) / 60;
        return pricePerMinute.multiply(BigDecimal.valueOf(minutes)).setScale(4, RoundingMode.HALF_UP);
    }

    enum Outcome {
        ANSWERS,
        BUSY,
        NO_ANSWER,
        FAILS,
        SHORT;

        static Outcome of(String number) {
            if (number.endsWith("0000")) {
                return BUSY;
            }
            if (number.endsWith("0001")) {
                return NO_ANSWER;
            }
            if (number.endsWith("0002")) {
                return FAILS;
            }
            return number.endsWith("0003") ? SHORT : ANSWERS;
        }

        /**
         * How long a leg to such a number takes to end without an answer, as {@link #step} moves a call there: busy a
         * second after it rings, no answer after four seconds of ringing, failed without ringing. Empty: it answers.
         */
        Optional<Duration> unansweredAfter() {
            return switch (this) {
                case BUSY -> Optional.of(TO_RINGING.plus(BUSY_AFTER));
                case NO_ANSWER -> Optional.of(TO_RINGING.plus(NO_ANSWER_AFTER));
                case FAILS -> Optional.of(TO_RINGING);
                case ANSWERS, SHORT -> Optional.empty();
            };
        }
    }
}
