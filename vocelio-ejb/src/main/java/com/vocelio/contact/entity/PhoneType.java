package com.vocelio.contact.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kind of line a number reaches, where numbering plans tell (North American numbers mostly do not). */
public enum PhoneType {
    MOBILE,
    LANDLINE,
    VOIP,
    TOLL_FREE,
    UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PhoneType> fromWire(String text) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equalsIgnoreCase(text.strip()))
                .findFirst();
    }
}
