package com.vocelio.live;

import jakarta.websocket.server.ServerEndpoint;

/** The portal's live feed: the channels a client subscribes to ({@code live_call}, {@code queue}, …), by department. */
@ServerEndpoint("/ws")
public class LiveFeedEndpoint extends EventEndpoint {

    @Override
    SocketDialect dialect() {
        return SocketDialect.LIVE;
    }
}
