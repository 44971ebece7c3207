package com.vocelio.call.control;

import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Tells whoever listens ({@link CallEnded}) that a call live before a change of the provider's is over after it. */
@ApplicationScoped
public class CallEndings {

    @Inject
    Event<CallEnded> ended;

    /** @param wasLive whether the call was live before the change */
    public void after(Call call, boolean wasLive) {
        if (wasLive && !call.status().isLive()) {
            ended.fire(new CallEnded(call.callId()));
        }
    }
}
