package com.vocelio.omnichannel.rest;

import com.vocelio.agent.entity.Agent;
import com.vocelio.call.boundary.Calls;
import com.vocelio.call.entity.Call;
import com.vocelio.department.entity.Department;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.rest.Caller;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's {@code GET /sessions/active} (contract §7.1), polled from every page without a token: the caller's live
 * calls as voice sessions. The hub keeps only {@code status: "active"} items and names them by
 * {@code customer_name}; without a token the list is empty.
 */
@Path("sessions")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    Clock clock;

    @Inject
    Calls calls;

    @Inject
    Caller caller;

    @GET
    @Path("active")
    public Envelope active() {
        List<Map<String, Object>> sessions = caller.signedIn()
                ? calls.live().stream()
                        .map(call -> session(call, Clocks.now(clock)))
                        .toList()
                : List.of();
        return Envelope.of("sessions", sessions).with("total", sessions.size());
    }

    static Map<String, Object> session(Call call, OffsetDateTime now) {
        var session = new LinkedHashMap<String, Object>();
        session.put("session_id", call.callId());
        session.put("call_id", call.callId());
        session.put("customer_id", call.callerNumber());
        session.put("customer_name", call.callerNumber());
        session.put("customer_info", Map.of("name", call.callerNumber(), "phone", call.callerNumber()));
        session.put("channel_type", ChannelCatalog.VOICE);
        session.put("active_channels", List.of(ChannelCatalog.VOICE));
        session.put("status", "active");
        session.put("call_status", call.status().wireName());
        session.put("agent_id", call.agent().map(Agent::agentId).orElse(""));
        session.put("department", call.department().map(Department::name).orElse(""));
        session.put("priority", "normal");
        session.put("duration", call.durationSeconds(now));
        session.put("created_at", call.startedAt().toString());
        session.put("last_activity", call.updatedAt().toString());
        return session;
    }
}
