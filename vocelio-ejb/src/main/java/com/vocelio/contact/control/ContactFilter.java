package com.vocelio.contact.control;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which contacts a page shows: all given conditions hold. {@code search} matches a substring of the name, e-mail or
 * phone (typed digits match the stored E.164 whatever the punctuation); {@code tags} must all be on the contact;
 * {@code after} is the id of the last contact of the previous page (keyset paging, which neither repeats nor skips a
 * row while rows are added between pages).
 */
public record ContactFilter(
        String search, String listId, String status, List<String> tags, String phoneType, String after) {

    private static final Pattern PHONE_LIKE = Pattern.compile("[\\d\\s()+.\\-]+");

    public static ContactFilter none() {
        return new ContactFilter(null, null, null, List.of(), null, null);
    }

    public ContactFilter inList(String id) {
        return new ContactFilter(search, id, status, tags, phoneType, after);
    }

    /** The same conditions from the first row: what a filtered scope's page anchors are kept under. */
    public ContactFilter withoutPaging() {
        return new ContactFilter(searchTerm(), listId, status, tags, phoneType, null);
    }

    /** The lower-case text to look for in {@code contacts.search_text}, or null for no search. */
    String searchTerm() {
        if (search == null || search.isBlank()) {
            return null;
        }
        String term = search.strip().toLowerCase(java.util.Locale.ROOT);
        if (PHONE_LIKE.matcher(term).matches()) {
            String digits = term.replaceAll("\\D", "");
            if (digits.length() >= 3) {
                return digits;
            }
        }
        return term;
    }
}
