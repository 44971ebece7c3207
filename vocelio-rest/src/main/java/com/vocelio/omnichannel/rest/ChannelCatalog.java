package com.vocelio.omnichannel.rest;

import com.vocelio.call.boundary.Telephony;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eight channels the omnichannel hub knows. Voice is ours and always on, through the configured telephony
 * (Twilio or the offline simulator); the others stay listed and inactive until this backend serves them.
 */
@ApplicationScoped
public class ChannelCatalog {

    public static final String VOICE = "voice";

    /** Each channel's key and display name, in the hub's order. */
    static final Map<String, String> CHANNELS = names();

    @Inject
    Telephony telephony;

    public boolean enabled(String channel) {
        return VOICE.equals(channel);
    }

    public long activeChannels() {
        return CHANNELS.keySet().stream().filter(this::enabled).count();
    }

    public List<String> enabledChannels() {
        return CHANNELS.keySet().stream().filter(this::enabled).toList();
    }

    /** What the hub shows of a channel's set-up: never a secret. */
    public Map<String, Object> configuration(String channel) {
        return enabled(channel) ? Map.of("provider", telephony.provider()) : Map.of();
    }

    public boolean known(String channel) {
        return CHANNELS.containsKey(channel);
    }

    private static Map<String, String> names() {
        var names = new LinkedHashMap<String, String>();
        names.put(VOICE, "Voice");
        names.put("sms", "SMS");
        names.put("chat", "Chat");
        names.put("email", "Email");
        names.put("whatsapp", "WhatsApp");
        names.put("video", "Video");
        names.put("web_portal", "Web portal");
        names.put("mobile_app", "Mobile app");
        return Collections.unmodifiableMap(names);
    }
}
