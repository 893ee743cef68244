package casetrack.access;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in header names and values,
 * decided per code point instead of by its regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*},
 * and the same plus tab for values). The firewall checks every header a filter reads, each time it
 * is read; with the regular expressions that was about a tenth of a command's CPU in a JFR profile.
 * The decision is the same for every code point ({@code HeaderCharactersTest} compares them all).
 */
public final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** Every code point assigned in Unicode and not a control character. */
    public static boolean allowedInName(String s) {
        return allowed(s, false);
    }

    /** As {@link #allowedInName}, and tab. */
    public static boolean allowedInValue(String s) {
        return allowed(s, true);
    }

    private static boolean allowed(String s, boolean tab) {
        int length = s.length();
        for (int i = 0; i < length; ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) { // printable ASCII, nearly every header
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && cp == '\t'))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
