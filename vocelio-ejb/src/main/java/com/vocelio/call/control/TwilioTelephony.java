package com.vocelio.call.control;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.Domains;
import com.twilio.type.PhoneNumber;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.Recording;
import com.vocelio.call.entity.TelephonyStatus;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * Calls on the Twilio network through the official SDK. Twilio tells us how a call goes by status callbacks to
 * {@value TwilioSettings#STATUS_CALLBACK} at our public address; what Twilio refuses becomes a 4xx the client can
 * read, and Twilio out of reach a 503, never a half-placed call (the placing transaction rolls back).
 */
@ApplicationScoped
public class TwilioTelephony implements TelephonyProvider {

    public static final String NAME = "twilio";
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    static final List<String> RECORDING_EVENTS = List.of("in-progress", "completed", "absent");

    @Inject
    Instance<TwilioRestClient> client;

    @Inject
    TwilioSettings settings;

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

    @Override
    public void hold(Call call, boolean on) {
        String twiml = on
                ? Twiml.response().playForever(settings.holdMusicUrl()).toString()
                : script(call.message(), call.voiceId());
        update(call, twiml);
    }

    @Override
    public void dial(Call call, String number) {
        update(call, Twiml.response().dial(number).toString());
    }

    /**
     * Dials the agent with Twilio telling us both ends of it: when the agent answers (their leg fetches
     * {@value TwilioSettings#BRIDGE_ANSWERED}, which speaks the briefing) and when the {@code <Dial>} is over
     * ({@value TwilioSettings#BRIDGE_ENDED}, with the agent leg's outcome). Without a public address Twilio cannot
     * tell us, so the bridge counts as up at once.
     */
    @Override
    public boolean bridge(Call call, String target, String transferId, String briefing) {
        var base = settings.publicUrl();
        if (base.isEmpty()) {
            dial(call, target);
            return true;
        }
        String query = "?transfer_id=" + URLEncoder.encode(transferId, StandardCharsets.UTF_8);
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
    static String script(String message, String voice) {
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
