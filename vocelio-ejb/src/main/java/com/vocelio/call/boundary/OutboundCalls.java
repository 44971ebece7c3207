package com.vocelio.call.boundary;

import com.vocelio.call.control.Providers;
import com.vocelio.call.control.TelephonyProvider;
import com.vocelio.call.control.TwilioSettings;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallPlacing;
import com.vocelio.call.entity.PhoneFlow;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Places the organization's outbound calls. Whoever keeps lists of numbers we may not ring hears of the call first
 * ({@link CallPlacing}) and may veto it; then the current provider places it, and its record starts in the same
 * transaction, so a refused call leaves nothing behind. The caller id is one of the organization's numbers (those
 * its flows answer), else the configured default number.
 */
@Stateless
@UnitOfWork
public class OutboundCalls {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Providers providers;

    @Inject
    TwilioSettings twilio;

    @Inject
    Event<CallPlacing> placing;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region", defaultValue = "US")
    String region;

    public Call make(MakeCall request) {
        var asked = request.read(region);
        TelephonyProvider provider = providers.current();
        String from = callerId(asked, provider);
        placing.fire(new CallPlacing(asked.to()));
        var placement = provider.place(
                new TelephonyProvider.Outbound(from, asked.to(), asked.message(), asked.voiceId(), asked.record()));
        var now = Clocks.now(clock);
        var call = Call.outbound(
                placement.callSid(),
                provider.name(),
                from,
                asked.to(),
                asked.message(),
                asked.voiceProvider(),
                asked.voiceId(),
                now);
        if (asked.record()) {
            call.recordIt();
        }
        em.persist(call);
        call.reportStatus(placement.status(), null, null, now);
        provider.placed(call, now);
        return call;
    }

    /**
     * The organization's own number as asked, else its default caller id, else the deployment's default number. The
     * simulator rings no one, so there it keeps the number asked; Twilio would place the call under a number that is
     * not ours, which is refused.
     */
    private String callerId(MakeCall.Asked asked, TelephonyProvider provider) {
        if (!asked.from().isEmpty() && ours(asked.from())) {
            return asked.from();
        }
        var fallback = em.createNamedQuery(PhoneFlow.DEFAULT_CALLER_ID, PhoneFlow.class)
                .getResultStream()
                .findFirst()
                .map(PhoneFlow::phoneNumber)
                .or(() -> twilio.phoneNumber().flatMap(number -> PhoneNumbers.toE164(number, region)));
        if (fallback.isPresent()) {
            return fallback.get();
        }
        if (provider.name().equals(Telephony.SIMULATED)) {
            return asked.from().isEmpty() ? asked.fromTyped() : asked.from();
        }
        throw BusinessException.invalid(
                asked.fromField(),
                "is not one of this organization's numbers (register it with a flow), and the organization has no"
                        + " default caller id (register one with default_caller_id)");
    }

    private boolean ours(String number) {
        return !em.createNamedQuery(PhoneFlow.BY_NUMBER, PhoneFlow.class)
                .setParameter("number", number)
                .getResultList()
                .isEmpty();
    }
}
