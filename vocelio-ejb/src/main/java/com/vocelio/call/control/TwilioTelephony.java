package com.vocelio.call.control;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.Domains;
import com.twilio.rest.api.v2010.account.conference.Participant;
import com.twilio.type.App;
import com.twilio.type.Client;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Sip;
import com.vocelio.call.entity.AgentLeg;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.Handover;
import com.vocelio.call.entity.Recording;
import com.vocelio.call.entity.TelephonyStatus;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.DialTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls on the Twilio network through the official SDK. Twilio tells us how a call goes by status callbacks to
 * {@value TwilioSettings#STATUS_CALLBACK} at our public address; what Twilio refuses becomes a 4xx the client can
 * read, and Twilio out of reach a 503, never a half-placed call (the placing transaction rolls back).
 */
@ApplicationScoped
public class TwilioTelephony implements TelephonyProvider {

    private static final Logger LOG = Logger.getLogger(TwilioTelephony.class.getName());

    public static final String NAME = "twilio";
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    static final List<String> RECORDING_EVENTS = List.of("in-progress", "completed", "absent");
    /** The custom parameter that tells the AI leg's webhook whose conference it is in. */
    public static final String AI_CALLER = "caller_sid";

    @Inject
    Instance<TwilioRestClient> client;

    @Inject
    TwilioSettings settings;

    @Inject
    AiLegMedia media;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Placement place(Outbound call) {
        var creator = com.twilio.rest.api.v2010.account.Call.creator(
                new PhoneNumber(call.to()),
                new PhoneNumber(call.from()),
                new com.twilio.type.Twiml(script(call.message(), call.voiceId())));
        settings.publicUrl().ifPresent(base -> creator.setStatusCallback(base + TwilioSettings.STATUS_CALLBACK)
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(STATUS_EVENTS));
        if (call.record()) {
            creator.setRecord(true);
            settings.publicUrl()
                    .ifPresent(base -> creator.setRecordingStatusCallback(base + TwilioSettings.RECORDING_CALLBACK)
                            .setRecordingStatusCallbackMethod(HttpMethod.POST)
                            .setRecordingStatusCallbackEvent(RECORDING_EVENTS));
        }
        var placed = twilio(() -> creator.create(client.get()));
        return new Placement(
                placed.getSid(),
                placed.getStatus() == null
                        ? TelephonyStatus.QUEUED
                        : TelephonyStatus.parse(placed.getStatus().toString()).orElse(TelephonyStatus.QUEUED));
    }

    @Override
    public void hangUp(Call call, OffsetDateTime now) {
        var status = call.hangUpStatus() == TelephonyStatus.COMPLETED
                ? com.twilio.rest.api.v2010.account.Call.UpdateStatus.COMPLETED
                : com.twilio.rest.api.v2010.account.Call.UpdateStatus.CANCELED;
        twilio(() -> com.twilio.rest.api.v2010.account.Call.updater(call.callId())
                .setStatus(status)
                .update(client.get()));
        call.hangUp(now);
    }

    /**
     * A caller moved into a conference whose sid Twilio has not told yet (its join callback is on the way) can be
     * neither held as a participant nor given other TwiML (that would take them out of the conference): the client
     * asks again in a moment.
     */
    private static void requireConferenceKnown(Call call, String what) {
        if (!call.conferenceName().isEmpty() && call.conferenceSid().isEmpty()) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "conference_joining",
                    "Cannot " + what + " call " + call.callId() + " yet: it is joining a conference; try again");
        }
    }

    @Override
    public void dial(Call call, String number) {
        update(call, Twiml.response().dial(number).toString());
    }

    /**
     * A cold hand-over dials the agent from the caller's leg, with Twilio telling us both ends of it: when the agent
     * answers (their leg fetches {@value TwilioSettings#BRIDGE_ANSWERED}) and when the {@code <Dial>} is over
     * ({@value TwilioSettings#BRIDGE_ENDED}, with the agent leg's outcome). A warm or conference hand-over moves the
     * caller into the transfer's conference, where they hear hold music, and calls the agent on a leg of their own:
     * once it answers it fetches {@value TwilioSettings#BRIDGE_ANSWERED} (the briefing, then the conference), and its
     * status goes to {@value TwilioSettings#BRIDGE_LEG}. A caller already in that conference (a repeated offer after
     * an agent who never answered) stays there; only the new agent is called. Every one of those addresses names the
     * transfer and the leg's offer ({@code transfer_id}, {@code offer}), so Twilio's late or repeated word about an
     * earlier agent's leg cannot move the transfer the next agent has now. Without a public address Twilio cannot
     * tell us anything, so the caller is dialled through and the bridge counts as up at once.
     */
    @Override
    public boolean bridge(Call call, String target, AgentLeg agentLeg) {
        var base = settings.publicUrl();
        if (base.isEmpty()) {
            dial(call, target);
            return true;
        }
        String query = "?transfer_id=" + URLEncoder.encode(agentLeg.transferId(), StandardCharsets.UTF_8) + "&offer="
                + agentLeg.offer();
        Handover handover = agentLeg.handover();
        if (!handover.inConference()) {
            update(
                    call,
                    Twiml.response()
                            .dialTracked(
                                    target,
                                    base.get() + TwilioSettings.BRIDGE_ENDED + query,
                                    base.get() + TwilioSettings.BRIDGE_ANSWERED + query)
                            .toString());
            return false;
        }
        String conference = conferenceName(agentLeg.transferId());
        if (!conference.equals(call.conferenceName())) {
            update(call, callerIntoConference(conference, handover, base.get()));
            call.enterConference(conference, Clocks.now(clock));
        }
        aiJoins(call, conference, handover, base.get());
        call.aiSays(media.handOffLine(agentLeg.agentName(), agentLeg.departmentName()), Clocks.now(clock));
        String leg = query + "&call_sid=" + URLEncoder.encode(call.callId(), StandardCharsets.UTF_8);
        var creator = com.twilio.rest.api.v2010.account.Call.creator(
                        endpoint(target),
                        new PhoneNumber(call.ourNumber()),
                        URI.create(base.get() + TwilioSettings.BRIDGE_ANSWERED + leg)) // a String would be an app sid
                .setMethod(HttpMethod.POST)
                .setTimeout(20)
                .setStatusCallback(base.get() + TwilioSettings.BRIDGE_LEG + leg)
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(List.of("completed"));
        twilio(() -> creator.create(client.get()));
        return false;
    }

    /**
     * The AI joins the caller's conference on a leg of its own: a participant dialled to the TwiML App
     * ({@code app:AP…}) whose Voice URL is {@value TwilioSettings#AI_LEG}, told the caller's call as a custom
     * parameter. It neither starts the conference (the caller keeps hearing the hold music until the agent's leg
     * starts it; then the AI is cued to speak) nor ends it. Twilio uses the conference callback of whoever joins
     * first, so the AI's leg asks for the same one as the caller's TwiML. Once per conference: a re-offer after an
     * agent who never answered finds it there. Without the app nothing is placed; a refusal leaves the transfer going
     * without the AI's leg (logged), since the agent is being called anyway.
     */
    private void aiJoins(Call call, String conference, Handover handover, String base) {
        var app = settings.aiAppSid();
        if (app.isEmpty() || !call.aiLegSid().isEmpty()) {
            return;
        }
        var creator = Participant.creator(
                        conference,
                        new PhoneNumber(call.ourNumber()),
                        new App(app.get() + "?" + AI_CALLER + "="
                                + URLEncoder.encode(call.callId(), StandardCharsets.UTF_8)))
                .setLabel("ai")
                .setBeep("false")
                .setStartConferenceOnEnter(false)
                .setEndConferenceOnExit(false)
                .setConferenceStatusCallback(URI.create(base + TwilioSettings.CONFERENCE_CALLBACK))
                .setConferenceStatusCallbackMethod(HttpMethod.POST)
                .setConferenceStatusCallbackEvent(Twiml.CONFERENCE_EVENTS)
                .setTimeout(20);
        try {
            var leg = twilio(() -> creator.create(client.get()));
            call.aiJoins(leg.getCallSid(), handover == Handover.WARM, Clocks.now(clock));
        } catch (BusinessException e) {
            LOG.log(Level.WARNING, "The AI could not join conference " + conference + ": " + e.getMessage());
        }
    }

    /**
     * A warm transfer's AI has handed the caller over ({@code reason}: its line was played, or that took too long):
     * its leg is hung up. Twilio failing leaves the AI in the conference (logged) and says so.
     *
     * @return whether the leg is gone
     */
    public boolean aiLeaves(Call call, String reason) {
        String leg = call.aiLegSid();
        if (leg.isEmpty()) {
            return true;
        }
        try {
            twilio(() -> com.twilio.rest.api.v2010.account.Call.updater(leg)
                    .setStatus(com.twilio.rest.api.v2010.account.Call.UpdateStatus.COMPLETED)
                    .update(client.get()));
            call.aiLeft(leg, reason, Clocks.now(clock));
            return true;
        } catch (BusinessException e) {
            LOG.log(Level.WARNING, "The AI's leg " + leg + " could not be hung up: " + e.getMessage());
            return false;
        }
    }

    /** One conference per transfer: a re-offered transfer finds its caller where it left them. */
    public static String conferenceName(String transferId) {
        return "vocelio-" + transferId;
    }

    /**
     * The caller waits in the conference with hold music until the agent, who starts it, joins; the conference ends
     * when the caller leaves. After a conference transfer the AI takes the caller back
     * ({@value TwilioSettings#CONFERENCE_OVER}); after a warm one the call ends with the conference.
     */
    private String callerIntoConference(String conference, Handover handover, String base) {
        return Twiml.response()
                .conference(
                        conference,
                        settings.holdMusicUrl(),
                        false,
                        true,
                        base + TwilioSettings.CONFERENCE_CALLBACK,
                        handover == Handover.CONFERENCE ? base + TwilioSettings.CONFERENCE_OVER : null)
                .toString();
    }

    /**
     * What the agent's leg does once answered: a warm transfer's agent hears the briefing first; then they join the
     * caller's conference, which starts now (the hold music stops, and the AI is cued to speak its hand-off line) and
     * ends when they leave.
     */
    public static String agentIntoConference(String conference, String briefing) {
        return Twiml.response()
                .say(briefing, null)
                .conference(conference, null, true, true, null, null)
                .toString();
    }

    /** The agent's leg is called at their number, SIP URI or Twilio Client, as {@link DialTarget} reads it. */
    private static com.twilio.type.Endpoint endpoint(String target) {
        return switch (DialTarget.of(target).kind()) {
            case NUMBER -> new PhoneNumber(target);
            case SIP -> new Sip(target);
            case CLIENT -> new Client(target);
        };
    }

    /** A caller in a conference is held and muted as its participant; otherwise hold replaces the call's TwiML. */
    @Override
    public void hold(Call call, boolean on) {
        requireConferenceKnown(call, "hold");
        if (!call.conferenceSid().isEmpty()) {
            twilio(() -> Participant.updater(call.conferenceSid(), call.callId())
                    .setHold(on)
                    .setHoldUrl(on ? settings.holdMusicUrl() : null)
                    .setHoldMethod(on ? HttpMethod.GET : null)
                    .update(client.get()));
            return;
        }
        String twiml = on
                ? Twiml.response().playForever(settings.holdMusicUrl()).toString()
                : script(call.message(), call.voiceId());
        update(call, twiml);
    }

    /**
     * Muting a caller in a conference silences them for the others there; outside one the AI hears the caller
     * through its own stream, which mutes itself by our call record.
     */
    @Override
    public void mute(Call call, boolean on) {
        requireConferenceKnown(call, "mute");
        if (!call.conferenceSid().isEmpty()) {
            twilio(() -> Participant.updater(call.conferenceSid(), call.callId())
                    .setMuted(on)
                    .update(client.get()));
        }
    }

    /**
     * Asks Twilio ({@code GET /Calls/{sid}.json}) about a live call we have heard nothing of for
     * {@code vocelio.telephony.twilio.status-stale-after}: a lost or delayed status callback then costs one poll's
     * delay, not a call stuck in {@code ringing}. Bounded: at most once per that interval per call whatever the
     * portal polls (a call asked about counts as heard of), and under the call's lock (concurrent reads ask once).
     * What Twilio says moves the call forward only; Twilio failing or not knowing the call leaves our record as it
     * is (the read is still answered).
     */
    @Override
    public void refresh(Call call, OffsetDateTime now) {
        if (!settings.configured() // a node without the account cannot ask (all nodes should have it)
                || !call.onTheLine()
                || call.updatedAt().isAfter(now.minus(settings.statusStaleAfter()))) {
            return;
        }
        call.checked(now);
        try {
            var fetched = com.twilio.rest.api.v2010.account.Call.fetcher(call.callId())
                    .fetch(client.get());
            var status = fetched.getStatus() == null
                    ? java.util.Optional.<TelephonyStatus>empty()
                    : TelephonyStatus.parse(fetched.getStatus().toString());
            status.ifPresent(told -> call.reportStatus(
                    told, told.isFinal() ? seconds(fetched.getDuration()) : null, price(fetched.getPrice()), now));
        } catch (TwilioException e) {
            LOG.log(Level.FINE, "Twilio could not tell the status of " + call.callId() + ": " + e.getMessage(), e);
        }
    }

    /** A recording Twilio no longer has (deleted there before) is as deleted as we want it. */
    @Override
    public void deleteRecording(Recording recording) {
        twilio(() -> {
            try {
                return com.twilio.rest.api.v2010.account.Recording.deleter(recording.recordingSid())
                        .delete(client.get());
            } catch (ApiException e) {
                if (Integer.valueOf(404).equals(e.getStatusCode())) {
                    return true;
                }
                throw e;
            }
        });
    }

    /**
     * The recording's WAV from Twilio's API (with the account's credentials, which clients never see): built from the
     * account and recording sids, not from the URL a callback told, so no callback can make us fetch elsewhere.
     */
    @Override
    public InputStream audio(Recording recording) {
        String path = "/2010-04-01/Accounts/" + settings.accountSid().orElse("") + "/Recordings/"
                + recording.recordingSid() + ".wav";
        var response = twilio(() -> client.get().request(new Request(HttpMethod.GET, Domains.API.toString(), path)));
        int status = response.getStatusCode();
        if (status == 404) {
            throw new BusinessException(
                    BusinessException.Kind.NOT_FOUND,
                    "recording_audio_not_found",
                    "Twilio has no audio for recording " + recording.recordingSid());
        }
        if (status >= 400 && status < 500) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "telephony_refused",
                    "Twilio refused the recording's audio (HTTP " + status + ")");
        }
        if (status >= 300) {
            throw BusinessException.unavailable("telephony_unavailable", "Twilio failed (HTTP " + status + ")", 5);
        }
        return response.getStream();
    }

    /** What an outbound call says once answered: the message, then the line stays open for the AI. */
    public static String script(String message, String voice) {
        return Twiml.response().say(message, voice).pause(60).toString();
    }

    private void update(Call call, String twiml) {
        twilio(() -> com.twilio.rest.api.v2010.account.Call.updater(call.callId())
                .setTwiml(twiml)
                .update(client.get()));
    }

    /** Twilio's prices are charges, negative strings ("-0.01300"); ours are what the call cost. */
    public static BigDecimal price(String twilioPrice) {
        if (twilioPrice == null || twilioPrice.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(twilioPrice.strip()).abs();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Integer seconds(String twilioDuration) {
        if (twilioDuration == null || twilioDuration.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(twilioDuration.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static <T> T twilio(Supplier<T> request) {
        try {
            return request.get();
        } catch (ApiException e) {
            if (e.getStatusCode() != null && e.getStatusCode() >= 400 && e.getStatusCode() < 500) {
                throw new BusinessException(
                        BusinessException.Kind.CONFLICT,
                        "telephony_refused",
                        "Twilio refused the request (" + e.getCode() + "): " + e.getMessage());
            }
            throw BusinessException.unavailable("telephony_unavailable", "Twilio failed: " + e.getMessage(), 5);
        } catch (ApiConnectionException e) {
            throw BusinessException.unavailable("telephony_unavailable", "Twilio cannot be reached", 5);
        } catch (TwilioException e) {
            throw BusinessException.unavailable("telephony_unavailable", "Twilio failed: " + e.getMessage(), 5);
        }
    }
}
