package com.vocelio.console.wallboard;

import com.vocelio.console.ConsoleSessions;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;

/**
 * The console pages' live line ({@code /console/live}): a signed-in console session's browser opens it, and
 * {@link WallboardFeed} sends {@code refresh} over it when its organization's floor changed. The organization comes
 * from the HTTP session's sign-in, as for every console request (the authentication mechanism already refused the
 * handshake of a browser without one); the socket carries nothing but that word.
 *
 * <p>A plain endpoint rather than Faces' {@code <f:websocket>}: Mojarra registers its push endpoint
 * programmatically, which on Payara Server left the EAR's own WebSocket endpoints ({@code /ws}) unreachable.
 */
@ServerEndpoint(value = "/console/live", configurator = ConsoleLiveEndpoint.SignedInSession.class)
public class ConsoleLiveEndpoint {

    static final String TENANT = "tenant";

    @Inject
    WallboardFeed feed;

    @OnOpen
    public void open(Session socket, EndpointConfig config) throws IOException {
        Object tenant = config.getUserProperties().get(TENANT);
        if (!(tenant instanceof String organization)) {
            socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "Sign in to the console"));
            return;
        }
        socket.getUserProperties().put(TENANT, organization);
        feed.open(organization, socket);
    }

    @OnClose
    public void close(Session socket) {
        if (socket.getUserProperties().get(TENANT) instanceof String organization) {
            feed.close(organization, socket);
        }
    }

    @OnError
    public void failed(Session socket, Throwable failure) {
        close(socket); // a broken connection: the page reconnects
    }

    /** Reads the organization of the HTTP session's console sign-in during the handshake. */
    public static class SignedInSession extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            config.getUserProperties().remove(TENANT);
            if (request.getHttpSession() instanceof HttpSession session) {
                CDI.current()
                        .select(ConsoleSessions.class)
                        .get()
                        .tenantOf(session)
                        .ifPresent(tenant -> config.getUserProperties().put(TENANT, tenant));
            }
        }
    }
}
