package com.vocelio.live;

import com.vocelio.call.boundary.Calls;
import com.vocelio.call.entity.Call;
import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.rest.Drain;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;

/**
 * Server-sent events of one call ({@code /api/calls/{call_id}/events}) or of all live calls
 * ({@code /api/calls/active/events}), in the portal's {@code useCallEvents} shapes ({@link CallEventFormat}).
 * EventSource cannot send headers, so the token may come as {@code access_token}; each event carries its id, so a
 * reconnecting EventSource resumes after {@code Last-Event-ID}.
 */
@Path("api/calls/{call_id}/events")
@ApplicationScoped
@PermitAll // the token is checked here: it may come as a query parameter
public class CallEventsResource {

    static final String ACTIVE = "active";

    @Inject
    Clock clock;

    @Inject
    AccessTokens tokens;

    @Inject
    Calls calls;

    @Inject
    CurrentTenant tenant;

    @Inject
    LiveSubscriptions subscriptions;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(
            @PathParam("call_id") String callId,
            @QueryParam("access_token") String queryToken,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("since") String since,
            @Context SseEventSink sink,
            @Context Sse sse) {
        String token = queryToken != null && !queryToken.isBlank()
                ? queryToken
                : authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? authorization.substring(7)
                        : null;
        VerifiedToken bearer = tokens.verify(token)
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.UNAUTHENTICATED,
                        "unauthenticated",
                        "A valid access token is required (Authorization header or access_token query parameter)"));
        boolean all = ACTIVE.equals(callId);
        var stream = CallEventStream.open(
                bearer.tenantId(),
                sink,
                sse,
                subscriptions,
                all ? CallEventFormat::forActiveList : event -> CallEventFormat.forCall(event, callId));
        // subscribed before the opening snapshot is read, so nothing that happens in between is missed
        if (!subscriptions.hold(stream)) {
            return;
        }
        String opening;
        try {
            opening = tenant.runAs(
                    bearer.tenantId(),
                    () -> all
                            ? CallEventFormat.activeCalls(calls.live(), Clocks.now(clock))
                            : CallEventFormat.callStatus(known(callId), Clocks.now(clock)));
        } catch (RuntimeException e) {
            subscriptions.end(stream);
            throw e; // an unknown call is a 404, before the stream starts
        }
        stream.send(CallEventFormat.connected(callId));
        stream.send(opening);
        Long resumeAfter = number(lastEventId != null ? lastEventId : since);
        stream.keepAlive(subscriptions);
        // a stream lives as long as its token, like a socket; EventSource reconnects with a fresh one
        subscriptions.atExpiry(bearer, stream::cutOff);
        subscriptions.executor().execute(() -> subscriptions.catchUp(stream, resumeAfter));
    }

    /** The node is stopping: every stream ends; EventSource reconnects (elsewhere) with its Last-Event-ID. */
    void end(@Observes Drain.Draining draining) {
        subscriptions.endAll(CallEventStream.class).forEach(stream -> draining.closing(stream.ended()));
    }

    private Call known(String callId) {
        return calls.find(callId)
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.NOT_FOUND, "call_not_found", "Call '" + callId + "' not found"));
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
