package com.vocelio.contact.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where every {@value #STEP}th row of a list (or of all an organization's contacts) starts, so that page 5,000 by
 * number is a seek to the nearest anchor and a short offset from there, not an offset of a quarter of a million
 * rows. Anchors hold for one tally generation (see {@link ContactTallies.Tally#generation}): a contact joining or
 * leaving the scope moves the rows after it, and the next deep page rebuilds them (one scan of the ordering index).
 * Per node, a bounded number of scopes; a miss costs only time.
 */
@ApplicationScoped
public class PageAnchors {

    public static final int STEP = 5_000;
    static final int SCOPES = 500;

    /** The ordering keys (as text) of rows 0, STEP, 2·STEP, … of a scope, as they were at {@code generation}. */
    record Anchors(String generation, List<String[]> keys) {}

    private final Map<String, Anchors> scopes = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Anchors> eldest) {
            return size() > SCOPES;
        }
    };

    /**
     * @return the keys of the anchor at or before row {@code offset} (its rank is {@code offset / STEP * STEP}), or
     *     empty when the scope has no row there
     */
    public Optional<String[]> at(String scope, String generation, int offset, Supplier<List<String[]>> build) {
        Anchors anchors;
        synchronized (scopes) {
            anchors = scopes.get(scope);
        }
        if (anchors == null || !anchors.generation().equals(generation)) {
            anchors = new Anchors(generation, build.get()); // outside the lock: two builders only cost time
            synchronized (scopes) {
                scopes.put(scope, anchors);
            }
        }
        int index = offset / STEP;
        return index < anchors.keys().size() ? Optional.of(anchors.keys().get(index)) : Optional.empty();
    }
}
