package com.vocelio.live;

import com.vocelio.call.entity.Call;
import com.vocelio.call.rest.ActiveCallView;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.rest.JsonbConfiguration;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The data of the call event streams, in the portal's {@code useCallEvents} shapes: {@code connected} first, then
 * {@code call_status_update}, {@code transfer_initiated}, {@code transfer_completed}, {@code transfer_failed},
 * {@code call_ended} for one call; {@code active_calls_update} and {@code call_update} for the live list.
 */
final class CallEventFormat {

    private CallEventFormat() {}

    static String connected(String callId) {
        return message("connected", Jsons.objectBuilder().add("call_id", callId).build());
    }

    /** One call's opening: where it stands now. */
    static String callStatus(Call call, OffsetDateTime now) {
        return message(
                "call_status_update",
                Jsons.objectBuilder()
                        .add("call_id", call.callId())
                        .add("status", call.status().wireName())
                        .add("duration", call.durationSeconds(now))
                        .build());
    }

    /** The live list's opening: every live call. */
    static String activeCalls(List<Call> live, OffsetDateTime now) {
        var views = live.stream().map(call -> ActiveCallView.of(call, now)).toList();
        String list = new JsonbConfiguration().getContext(ActiveCallView.class).toJson(views);
        return "{\"type\":\"active_calls_update\",\"active_calls\":" + list + ",\"timestamp\":\"" + now + "\"}";
    }

    /** One call's events in the portal's names; null for what this stream does not carry. */
    static String forCall(StoredEvent event, String callId) {
        JsonObject payload = event.payloadObject();
        if (!callId.equals(payload.getString("call_id", ""))) {
            return null;
        }
        String type =
                switch (event.type()) {
                    case "call_started", "call_status_changed" -> "call_status_update";
                    case "transfer_queued" -> "transfer_initiated";
                    case "transfer_abandoned" -> "transfer_failed";
                    default -> event.type();
                };
        var data = Jsons.objectBuilder(payload);
        if (type.equals("call_ended")) {
            data.add("total_duration", payload.getJsonNumber("duration").longValue());
        } else if (type.equals("transfer_failed")) {
            String why = payload.getString("end_reason", "");
            data.add("error_message", why.isEmpty() ? "The transfer ended before anyone answered" : why);
        }
        return message(type, data.add("timestamp", event.timestamp().toString()).build());
    }

    /** Live-list updates: one {@code call_update} per call event. */
    static String forActiveList(StoredEvent event) {
        if (!event.channel().equals(DomainEvent.LIVE_CALL)) {
            return null;
        }
        JsonObject payload = event.payloadObject();
        return message(
                "call_update",
                Jsons.objectBuilder()
                        .add("call_id", payload.getString("call_id", ""))
                        .add("event", event.type())
                        .add("updates", payload)
                        .add("timestamp", event.timestamp().toString())
                        .build());
    }

    private static String message(String type, JsonObject fields) {
        return Jsons.objectBuilder(fields).add("type", type).build().toString();
    }
}
