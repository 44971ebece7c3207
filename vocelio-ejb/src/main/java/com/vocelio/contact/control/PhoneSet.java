package com.vocelio.contact.control;

import java.util.Arrays;

/**
 * The numbers an import has met, as E.164 digits in a primitive open-addressing table: 8 to 16 bytes a number where a
 * set of strings took about 100, so a file of a million rows needs about 16 MB for its in-file duplicate check
 * instead of a heap the size of the file. E.164 has at most 15 digits and no leading zero: a {@code long} each.
 */
public final class PhoneSet {

    private static final long EMPTY = 0; // no E.164 number is 0

    private long[] slots = new long[1 << 16];
    private int size;

    /** @return whether the number is new (it is remembered now); a text that is not E.164 is always new */
    public boolean add(String e164) {
        long key = key(e164);
        if (key == EMPTY) {
            return true;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (!insert(slots, key)) {
            return false;
        }
        size++;
        return true;
    }

    public int size() {
        return size;
    }

    private static boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        return true;
    }

    private void grow() {
        long[] grown = new long[slots.length * 2];
        Arrays.stream(slots).filter(key -> key != EMPTY).forEach(key -> insert(grown, key));
        slots = grown;
    }

    private static long key(String e164) {
        if (e164 == null || e164.length() < 2 || e164.length() > 16 || e164.charAt(0) != '+') {
            return EMPTY;
        }
        long digits = 0;
        for (int i = 1; i < e164.length(); i++) {
            char c = e164.charAt(i);
            if (c < '0' || c > '9') {
                return EMPTY;
            }
            digits = digits * 10 + (c - '0');
        }
        return digits;
    }
}
