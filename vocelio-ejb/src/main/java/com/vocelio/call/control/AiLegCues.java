package com.vocelio.call.control;

import com.vocelio.call.entity.Call;
import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.StoredEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The AI legs whose media stream this node holds, and what each does when its line is cued. The cue
 * ({@value Call#AI_LEG_CUED}) is written where Twilio's conference callback landed, which may be any node; the outbox
 * carries it to every node, and the one holding the leg's stream acts on it. A stream is registered before it asks
 * whether its cue came already, so a cue committed meanwhile is delivered here, not lost (it may come twice: the
 * stream speaks once).
 */
@ApplicationScoped
public class AiLegCues {

    @Inject
    Subscribers subscribers;

    /** leg sid → (the caller's call sid, what to do on the cue) */
    private final Map<String, Cue> streams = new ConcurrentHashMap<>();

    /**
     * One stream's wait for its cue; {@code onCue} takes the line to say, and runs on the event relay's thread, so it
     * must hand its work off, not block. Compared by identity: a stream unregisters its own cue only.
     */
    public static final class Cue {
        private final String callSid;
        private final Consumer<String> onCue;

        public Cue(String callSid, Consumer<String> onCue) {
            this.callSid = callSid;
            this.onCue = onCue;
        }
    }

    @PostConstruct
    void watch() {
        subscribers.watch(Call.AI_LEG_CHANNEL, this::take);
    }

    public void register(String legSid, Cue cue) {
        streams.put(legSid, cue);
    }

    /** The stream of this cue is over (another stream of the same leg keeps its own). */
    public void unregister(Cue cue) {
        streams.values().remove(cue);
    }

    private void take(StoredEvent event) {
        if (!event.type().equals(Call.AI_LEG_CUED)) {
            return;
        }
        var cue = streams.get(event.text("ai_leg_sid"));
        if (cue != null && cue.callSid.equals(event.text("call_sid"))) {
            cue.onCue.accept(event.text("line"));
        }
    }
}
