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

    /**
     * The parts of a search term the trigram index is asked for: its words (runs of letters and digits, which is what
     * pg_trgm makes trigrams of) of three characters or more, without the padded trigrams of their boundaries. For an
     * e-mail address only the words before the {@code @} when it has any: a domain ("example.com") is in nearly every
     * row, and its trigrams' posting lists are as long as the table. Every row containing the term contains these
     * words, so they only narrow what the whole term is then checked on. Empty: the term has no such word.
     */
    static List<String> indexedWords(String term) {
        int at = term.indexOf('@');
        List<String> words = words(at < 0 ? term : term.substring(0, at));
        return (words.isEmpty() && at >= 0 ? words(term.substring(at + 1)) : words)
                .stream().distinct().toList();
    }

    private static List<String> words(String text) {
        var words = new java.util.ArrayList<String>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean wordy = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (wordy && start < 0) {
                start = i;
            } else if (!wordy && start >= 0) {
                if (text.codePointCount(start, i) >= 3) {
                    words.add(text.substring(start, i));
                }
                start = -1;
            }
        }
        return words;
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
