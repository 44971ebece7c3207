package com.vocelio.event.socket;

import jakarta.websocket.server.ServerEndpoint;

/** The portal's live feed: the channels a client subscribes to ({@code live_call}, {@code queue}, …), by department. */
@ServerEndpoint("/ws")
public class LiveFeedEndpoint extends EventEndpoint {

    @Override
    Dialect dialect() {
        return Dialect.LIVE;
    }
}
